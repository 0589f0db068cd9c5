package dev.conveyor.plugin.healthcare.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.services.MutableClock;
import dev.conveyor.services.Sql;
import dev.conveyor.testkit.runtime.Probe;
import dev.conveyor.testkit.runtime.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A reminder due in ten days waits in Postgres (beyond the queue's 7-day delay) and is released when the clock
 * reaches it: the test drives the runtime's clock instead of waiting.
 */
final class HealthcareReminderIT {

    private static final Sql sql = Sql.asOwner();
    private static final MutableClock clock = new MutableClock(Instant.now());
    private static HealthcareRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = new HealthcareRuntime(clock);
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aReminderTenDaysAheadIsHeldInPostgresAndReleasedWhenDue() {
        TestTenant tenant = runtime.createTenant();
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(11).toString();
        runtime.request(tenant, "REQ-LATER", day, "10:00", "10:30");

        tenant.waitFor(notifications("BOOKED", tenant), count -> count == 1);
        // due 10 days from now: beyond what a queue can hold back, so it waits unsent in the outbox
        assertThat(sql.count("select count(*) from outbox where tenant_id = ?"
                + " and visible_at > now() + interval '9 days'", tenant.id())).isEqualTo(1);
        // nothing comes meanwhile (Awaitility's during: the one wait the scenario DSL does not express)
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> sql.count(
                "select count(*) from healthcare_notification where tenant_id = ? and kind = 'REMINDER'", tenant.id()) == 0);

        // the appointment starts at 10:00 UTC (the clinic's zone) in 11 days; its reminder is due 24 hours before
        Instant due = LocalDate.parse(day).atTime(10, 0).toInstant(ZoneOffset.UTC).minus(Duration.ofHours(24));
        clock.advance(Duration.between(clock.instant(), due).plusMinutes(1));

        tenant.waitFor(notifications("REMINDER", tenant), count -> count == 1);
        // sent rows are deleted in batches shortly after the sends
        tenant.waitFor(Probe.of("the tenant's outbox rows", () -> sql.count("select count(*) from outbox where tenant_id = ?",
                tenant.id())), count -> count == 0, Duration.ofSeconds(5));
    }

    private static Probe<Long> notifications(String kind, TestTenant tenant) {
        return Probe.of(kind + " notifications", () -> sql.count(
                "select count(*) from healthcare_notification where tenant_id = ? and kind = ?", tenant.id(), kind));
    }
}
