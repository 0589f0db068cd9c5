package dev.conveyor.plugin.healthcare.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

final class PatientMessagesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void announcesABookingWithTheClinicAndTheLocalDateAndTime() {
        assertThat(PatientMessages.compose(NotificationKind.BOOKED, details(NEW_YORK, "2026-03-03T14:30:00Z", "2026-03-03T15:00:00Z")))
                .isEqualTo("Your appointment is booked: Tue 3 Mar 2026, 09:30-10:00 EST at Downtown Clinic, 1 Main St, Springfield. "
                        + "Reference: A-1.");
    }

    @Test
    void showsTheTimeInTheClinicsZoneOnEitherSideOfTheDaylightSavingSwitch() {
        assertThat(PatientMessages.compose(NotificationKind.RESCHEDULED, details(NEW_YORK, "2026-03-10T13:30:00Z", "2026-03-10T14:00:00Z")))
                .isEqualTo("Your appointment has moved to Tue 10 Mar 2026, 09:30-10:00 EDT at Downtown Clinic, 1 Main St, "
                        + "Springfield. Reference: A-1.");
        assertThat(PatientMessages.compose(NotificationKind.REMINDER,
                details(ZoneId.of("America/Los_Angeles"), "2026-03-04T17:00:00Z", "2026-03-04T18:00:00Z")))
                .isEqualTo("Reminder: your appointment is on Wed 4 Mar 2026, 09:00-10:00 PST at Downtown Clinic, 1 Main St, "
                        + "Springfield. Reference: A-1.");
    }

    @Test
    void confirmsACancellation() {
        assertThat(PatientMessages.compose(NotificationKind.CANCELLED, details(NEW_YORK, "2026-03-03T14:30:00Z", "2026-03-03T15:00:00Z")))
                .isEqualTo("Your appointment on Tue 3 Mar 2026, 09:30-10:00 EST at Downtown Clinic is cancelled. Reference: A-1.");
    }

    @Test
    void explainsADecline() {
        PatientMessages.Details declined = new PatientMessages.Details("A-1", "REQ-1", null, null, null, null, null,
                "no free slot: preferences[0] Tue 3 Mar 2026 09:00-10:00: Downtown Clinic (fully booked)");

        assertThat(PatientMessages.compose(NotificationKind.DECLINED, declined)).isEqualTo("We could not book an appointment for "
                + "your request REQ-1: no free slot: preferences[0] Tue 3 Mar 2026 09:00-10:00: Downtown Clinic (fully booked).");
    }

    @Test
    void hasAKindForEveryAppointmentStatus() {
        for (AppointmentStatus status : AppointmentStatus.values()) {
            assertThat(NotificationKind.of(status).name()).isEqualTo(status.name());
        }
    }

    private static PatientMessages.Details details(ZoneId zone, String startsAt, String endsAt) {
        return new PatientMessages.Details("A-1", "REQ-1", "Downtown Clinic", "1 Main St, Springfield", zone,
                Instant.parse(startsAt), Instant.parse(endsAt), null);
    }
}
