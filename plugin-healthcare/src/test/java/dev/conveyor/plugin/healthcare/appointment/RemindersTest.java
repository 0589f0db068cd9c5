package dev.conveyor.plugin.healthcare.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class RemindersTest {

    private static final Instant STARTS_AT = Instant.parse("2026-03-13T14:30:00Z");

    @Test
    void remindsTheLeadTimeBeforeTheAppointment() {
        assertThat(Reminders.remindAt(STARTS_AT, Duration.ofHours(24), Instant.parse("2026-03-03T09:00:00Z")))
                .contains(Instant.parse("2026-03-12T14:30:00Z"));
        assertThat(Reminders.remindAt(STARTS_AT, Duration.ofMinutes(90), Instant.parse("2026-03-03T09:00:00Z")))
                .contains(Instant.parse("2026-03-13T13:00:00Z"));
    }

    @Test
    void schedulesAReminderTenDaysAheadBeyondTheQueuesSevenDayDelay() {
        // The engine keeps it in Postgres until it is within the queue's reach; the timing is the same.
        assertThat(Reminders.remindAt(STARTS_AT, Duration.ofHours(24), Instant.parse("2026-03-02T14:30:00Z")))
                .contains(Instant.parse("2026-03-12T14:30:00Z"));
    }

    @Test
    void skipsAReminderWhoseTimeHasPassedOrIsNow() {
        assertThat(Reminders.remindAt(STARTS_AT, Duration.ofHours(24), Instant.parse("2026-03-12T20:00:00Z"))).isEmpty();
        assertThat(Reminders.remindAt(STARTS_AT, Duration.ofHours(24), Instant.parse("2026-03-12T14:30:00Z"))).isEmpty();
        assertThat(Reminders.remindAt(STARTS_AT, Duration.ofHours(24), Instant.parse("2026-03-12T14:29:59Z")))
                .contains(Instant.parse("2026-03-12T14:30:00Z"));
    }
}
