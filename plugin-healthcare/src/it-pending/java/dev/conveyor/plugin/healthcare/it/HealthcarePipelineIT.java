package dev.conveyor.plugin.healthcare.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.testkit.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HealthCare Solutions end to end on Azurite + Postgres: every assignment fans out to data sync and patient
 * notification exactly once, and concurrent requests never book a slot beyond its capacity.
 */
final class HealthcarePipelineIT {

    private static final Sql sql = Sql.asOwner();
    private static HealthcareRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new HealthcareRuntime(Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void everyAssignmentReachesDataSyncAndPatientNotificationExactlyOnce() {
        String tenant = runtime.createTenant();
        int requests = 10;
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        for (int i = 0; i < requests; i++) {
            String hour = "%02d".formatted(8 + i);
            runtime.request(tenant, "REQ-" + i, day.toString(), hour + ":00", hour + ":30");
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sql.count("select count(*) from healthcare_notification where tenant_id = ? and kind = 'BOOKED'", tenant))
                    .isEqualTo(requests);
            assertThat(sql.count("select count(*) from healthcare_sync_status where tenant_id = ? and status = 'SYNCED'", tenant))
                    .isEqualTo(requests);
        });
        assertThat(sql.count("select count(*) from healthcare_appointment where tenant_id = ? and status = 'BOOKED'", tenant))
                .isEqualTo(requests);
        assertThat(sql.count("select count(distinct appointment_id) from healthcare_notification where tenant_id = ?", tenant))
                .isEqualTo(requests);
        assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = 'data-sync'", tenant)).isEqualTo(requests);
        assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = 'notify'", tenant)).isEqualTo(requests);
        var expectedKeys = sql.rows("select appointment_id from healthcare_appointment where tenant_id = ?", tenant).stream()
                .map(row -> row.get("appointment_id") + "-v1").toList();
        var received = runtime.receivedIdempotencyKeys.stream().filter(expectedKeys::contains).toList();
        assertThat(received).hasSize(requests);
        assertThat(new HashSet<>(received)).hasSize(requests);
        assertThat(runtime.receivedSignatures.values()).allSatisfy(signature -> assertThat(signature).startsWith("sha256="));
        assertThat(sql.count("select count(*) from dead_letter where tenant_id = ?", tenant)).isZero();
    }

    @Test
    void aCancelledAppointmentFreesItsSeatAndThePatientIsTold() {
        String tenant = runtime.createTenant();
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(4).toString();
        runtime.request(tenant, "REQ-C", day, "11:00", "11:30");
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from healthcare_appointment where tenant_id = ? and status = 'BOOKED'", tenant) == 1);
        String appointmentId = (String) sql.row("select appointment_id from healthcare_appointment where tenant_id = ?", tenant)
                .get("appointment_id");
        assertThat(sql.count("select booked from healthcare_slot where tenant_id = ?", tenant)).isEqualTo(1);

        runtime.engine.ingest(tenant, "appointment-changes", """
                {"appointmentId": "%s", "kind": "CANCEL", "reason": "Feeling better"}""".formatted(appointmentId),
                java.util.Optional.empty());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sql.count(
                "select count(*) from healthcare_notification where tenant_id = ? and kind = 'CANCELLED'", tenant)).isEqualTo(1));
        assertThat(sql.row("select status, version from healthcare_appointment where tenant_id = ?", tenant))
                .containsEntry("status", "CANCELLED").containsEntry("version", 2);
        assertThat(sql.count("select booked from healthcare_slot where tenant_id = ?", tenant)).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sql.count(
                "select count(*) from healthcare_sync_status where tenant_id = ? and version = 2 and status = 'SYNCED'", tenant))
                .isEqualTo(1));
    }

    @Test
    void concurrentRequestsForOneSlotNeverBookItBeyondItsCapacity() throws InterruptedException {
        String tenant = runtime.createTenant();
        int requests = 12;
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(5).toString();
        try (var senders = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < requests; i++) {
                String id = "SAME-" + i;
                senders.submit(() -> runtime.request(tenant, id, day, "09:00", "09:30"));
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(sql.count(
                "select count(*) from healthcare_appointment where tenant_id = ?", tenant)).isEqualTo(requests));
        assertThat(sql.count("select count(*) from healthcare_appointment where tenant_id = ? and status = 'BOOKED'", tenant))
                .isEqualTo(2);
        assertThat(sql.count("select count(*) from healthcare_appointment where tenant_id = ? and status = 'DECLINED'", tenant))
                .isEqualTo(requests - 2);
        assertThat(sql.count("select max(booked) from healthcare_slot where tenant_id = ?", tenant)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sql.count(
                "select count(*) from healthcare_notification where tenant_id = ? and kind = 'DECLINED'", tenant))
                .isEqualTo(requests - 2));
    }
}
