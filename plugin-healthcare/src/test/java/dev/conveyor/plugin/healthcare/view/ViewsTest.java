package dev.conveyor.plugin.healthcare.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.InMemoryRepositories;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.appointment.ManagementHandler;
import dev.conveyor.plugin.healthcare.notification.NotifyHandler;
import dev.conveyor.plugin.healthcare.notification.PatientNotifications;
import dev.conveyor.plugin.healthcare.sync.SyncStatuses;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.TestRequestContext;
import java.time.Instant;
import org.junit.jupiter.api.Test;

final class ViewsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryRepositories repositories = new InMemoryRepositories();
    private final RequestContext context = TestRequestContext.withSettings(Fixtures.settings())
            .tenant(InMemoryRepositories.TENANT).at(NOW)
            .withRepository(Appointments.class, repositories.appointments)
            .withRepository(SyncStatuses.class, repositories.syncStatuses)
            .withRepository(PatientNotifications.class, repositories.notifications);

    @Test
    void showsWhereAnAppointmentStandsWithItsNotificationsButNotThePatient() {
        new ManagementHandler(Fixtures.settings()).handle(Fixtures.request(),
                repositories.context(HealthcarePlugin.MANAGEMENT).at(NOW));
        Appointment appointment = repositories.appointments.only();
        new NotifyHandler(Fixtures.settings()).handle(AppointmentAssigned.of(appointment),
                repositories.context(HealthcarePlugin.NOTIFY).at(NOW));

        AppointmentView view = AppointmentView.find(appointment.appointmentId(), context).orElseThrow();

        assertThat(view.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(view.clinicTimeZone()).isEqualTo("America/New_York");
        assertThat(view.notifications()).hasSize(2);
        assertThat(view.sync()).isEmpty();
        assertThat(view.toString()).doesNotContain("Jane Doe").doesNotContain("jane@example.com");
        assertThat(RequestView.find("REQ-1", context)).contains(RequestView.of(appointment));
    }

    @Test
    void readsAnUnknownRequestAsPendingAndAnUnknownAppointmentAsNotFound() {
        assertThat(RequestView.find("REQ-9", context)).contains(RequestView.pending("REQ-9"));
        assertThat(AppointmentView.find("A-404", context)).isEmpty();
    }

    @Test
    void refusesAMalformedKeyNamingIt() {
        assertThatThrownBy(() -> AppointmentView.find("a/b", context))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).containsExactly(
                        new Violation("appointmentId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'")));
        assertThatThrownBy(() -> RequestView.find("x".repeat(65), context)).isInstanceOf(ValidationException.class);
    }
}
