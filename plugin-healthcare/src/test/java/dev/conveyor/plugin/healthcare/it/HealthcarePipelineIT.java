package dev.conveyor.plugin.healthcare.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.services.Sql;
import dev.conveyor.testkit.runtime.Probe;
import dev.conveyor.testkit.runtime.TestTenant;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
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
        TestTenant tenant = runtime.createTenant();
        int requests = 10;
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(3);
        for (int i = 0; i < requests; i++) {
            String hour = "%02d".formatted(8 + i);
            runtime.request(tenant, "REQ-" + i, day.toString(), hour + ":00", hour + ":30");
        }

        tenant.waitFor(Probe.of("BOOKED notifications and SYNCED systems", () -> List.of(
                sql.count("select count(*) from healthcare_notification where tenant_id = ? and kind = 'BOOKED'", tenant.id()),
                sql.count("select count(*) from healthcare_sync_status where tenant_id = ? and status = 'SYNCED'", tenant.id()))),
                counts -> counts.equals(List.of((long) requests, (long) requests)), Duration.ofSeconds(60));
        assertThat(sql.count("select count(*) from healthcare_appointment where tenant_id = ? and status = 'BOOKED'", tenant.id()))
                .isEqualTo(requests);
        assertThat(sql.count("select count(distinct appointment_id) from healthcare_notification where tenant_id = ?", tenant.id()))
                .isEqualTo(requests);
        assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = 'data-sync'", tenant.id())).isEqualTo(requests);
        assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = 'notify'", tenant.id())).isEqualTo(requests);
        var expectedKeys = sql.rows("select appointment_id from healthcare_appointment where tenant_id = ?", tenant.id()).stream()
                .map(row -> row.get("appointment_id") + "-v1").toList();
        var received = runtime.receivedIdempotencyKeys.stream().filter(expectedKeys::contains).toList();
        assertThat(received).hasSize(requests);
        assertThat(new HashSet<>(received)).hasSize(requests);
        assertThat(runtime.receivedSignatures.values()).allSatisfy(signature -> assertThat(signature).startsWith("sha256="));
        assertThat(tenant.deadLetters()).isEmpty();
    }

    @Test
    void aCancelledAppointmentFreesItsSeatAndThePatientIsTold() {
        TestTenant tenant = runtime.createTenant();
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(4).toString();
        runtime.request(tenant, "REQ-C", day, "11:00", "11:30");
        tenant.waitFor(count("BOOKED appointments",
                "select count(*) from healthcare_appointment where tenant_id = ? and status = 'BOOKED'", tenant), count -> count == 1);
        String appointmentId = (String) sql.row("select appointment_id from healthcare_appointment where tenant_id = ?",
                tenant.id()).get("appointment_id");
        assertThat(sql.count("select booked from healthcare_slot where tenant_id = ?", tenant.id())).isEqualTo(1);

        tenant.ingest("appointment-changes", """
                {"appointmentId": "%s", "kind": "CANCEL", "reason": "Feeling better"}""".formatted(appointmentId))
                .andWaitFor(count("CANCELLED notifications",
                        "select count(*) from healthcare_notification where tenant_id = ? and kind = 'CANCELLED'", tenant),
                        count -> count == 1);
        assertThat(sql.row("select status, version from healthcare_appointment where tenant_id = ?", tenant.id()))
                .containsEntry("status", "CANCELLED").containsEntry("version", 2);
        assertThat(sql.count("select booked from healthcare_slot where tenant_id = ?", tenant.id())).isZero();
        tenant.waitFor(count("systems synced at version 2", "select count(*) from healthcare_sync_status where tenant_id = ?"
                + " and version = 2 and status = 'SYNCED'", tenant), count -> count == 1);
    }

    @Test
    void concurrentRequestsForOneSlotNeverBookItBeyondItsCapacity() throws InterruptedException {
        TestTenant tenant = runtime.createTenant();
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

        tenant.waitFor(count("appointments", "select count(*) from healthcare_appointment where tenant_id = ?", tenant),
                count -> count == requests, Duration.ofSeconds(60));
        assertThat(sql.count("select count(*) from healthcare_appointment where tenant_id = ? and status = 'BOOKED'", tenant.id()))
                .isEqualTo(2);
        assertThat(sql.count("select count(*) from healthcare_appointment where tenant_id = ? and status = 'DECLINED'", tenant.id()))
                .isEqualTo(requests - 2);
        assertThat(sql.count("select max(booked) from healthcare_slot where tenant_id = ?", tenant.id())).isEqualTo(2);
        tenant.waitFor(count("DECLINED notifications",
                "select count(*) from healthcare_notification where tenant_id = ? and kind = 'DECLINED'", tenant),
                count -> count == requests - 2);
    }

    private static Probe<Long> count(String what, String query, TestTenant tenant) {
        return Probe.of(what, () -> sql.count(query, tenant.id()));
    }
}
