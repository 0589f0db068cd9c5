package dev.conveyor.plugin.healthcare.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.InMemoryRepositories;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.ManagementHandler;
import dev.conveyor.plugin.healthcare.appointment.ReminderDue;
import dev.conveyor.plugin.healthcare.notification.NotificationKind;
import dev.conveyor.plugin.healthcare.notification.PatientNotification;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ReminderHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** A day before the appointment, 09:00 in New York on Tuesday 3 March 2026. */
    private static final Instant DUE = Instant.parse("2026-03-02T14:00:00Z");

    private final InMemoryRepositories repositories = new InMemoryRepositories();
    private final ReminderHandler handler = new ReminderHandler(Fixtures.settings().notificationChannels());
    private Appointment appointment;

    @BeforeEach
    void bookAnAppointment() {
        new ManagementHandler(Fixtures.settings()).handle(Fixtures.request(),
                repositories.context(HealthcarePlugin.MANAGEMENT).at(NOW));
        appointment = repositories.appointments.only();
    }

    @Test
    void remindsThePatientOfTheAppointmentAsBooked() {
        handler.handle(new ReminderDue(appointment.appointmentId(), 1), repositories.context(HealthcarePlugin.REMINDERS).at(DUE));

        assertThat(repositories.notifications.all()).hasSize(2).allSatisfy(notification -> {
            assertThat(notification.kind()).isEqualTo(NotificationKind.REMINDER);
            assertThat(notification.message()).isEqualTo("Reminder: your appointment is on Tue 3 Mar 2026, 09:00-09:30 EST at "
                    + "Downtown Clinic, 1 Main St, Springfield. Reference: " + appointment.appointmentId() + ".");
        });
    }

    @Test
    void ignoresTheReminderOfAVersionSinceChanged() {
        appointment.cancel(NOW);

        handler.handle(new ReminderDue(appointment.appointmentId(), 1), repositories.context(HealthcarePlugin.REMINDERS).at(DUE));

        assertThat(repositories.notifications.all()).extracting(PatientNotification::kind).doesNotContain(NotificationKind.REMINDER);
    }

    @Test
    void ignoresAReminderThatComesAfterTheAppointmentBegan() {
        handler.handle(new ReminderDue(appointment.appointmentId(), 1),
                repositories.context(HealthcarePlugin.REMINDERS).at(appointment.startsAt()));

        assertThat(repositories.notifications.all()).isEmpty();
    }
}
