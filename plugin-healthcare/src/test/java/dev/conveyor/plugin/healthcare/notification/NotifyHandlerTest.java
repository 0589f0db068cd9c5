package dev.conveyor.plugin.healthcare.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.InMemoryRepositories;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.ManagementHandler;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Subject;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class NotifyHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final InMemoryRepositories repositories = new InMemoryRepositories();
    private Appointment appointment;

    @BeforeEach
    void bookAnAppointment() {
        new ManagementHandler(Fixtures.settings()).handle(Fixtures.request(),
                repositories.context(HealthcarePlugin.MANAGEMENT).at(NOW));
        appointment = repositories.appointments.only();
    }

    @Test
    void tellsThePatientOnceOnEveryChannelTheyGaveAContactFor() {
        NotifyHandler handler = new NotifyHandler(Fixtures.settings());

        handler.handle(AppointmentAssigned.of(appointment), repositories.context(HealthcarePlugin.NOTIFY).at(NOW));
        handler.handle(AppointmentAssigned.of(appointment), repositories.context(HealthcarePlugin.NOTIFY).at(NOW));

        assertThat(repositories.notifications.all()).extracting(PatientNotification::channel, PatientNotification::recipient)
                .containsExactly(
                        tuple(NotificationChannel.EMAIL, "jane@example.com"),
                        tuple(NotificationChannel.SMS, "+1 212 555 0100"));
        assertThat(repositories.notifications.all()).allSatisfy(notification -> {
            assertThat(notification.kind()).isEqualTo(NotificationKind.BOOKED);
            assertThat(notification.tenantId()).isEqualTo(InMemoryRepositories.TENANT);
            assertThat(notification.message()).isEqualTo("Your appointment is booked: Tue 3 Mar 2026, 09:00-09:30 EST at "
                    + "Downtown Clinic, 1 Main St, Springfield. Reference: " + appointment.appointmentId() + ".");
        });
    }

    @Test
    void asksThePlatformOnceToTellThePatientWithTheAppointmentsDetails() {
        NotifyHandler handler = new NotifyHandler(Fixtures.settings());
        TestHandlerContext first = repositories.context(HealthcarePlugin.NOTIFY).at(NOW);
        TestHandlerContext redelivery = repositories.context(HealthcarePlugin.NOTIFY).at(NOW);

        handler.handle(AppointmentAssigned.of(appointment), first);
        handler.handle(AppointmentAssigned.of(appointment), redelivery);

        assertThat(first.notifications()).singleElement().satisfies(request -> {
            assertThat(request.kind()).isEqualTo("appointment.booked");
            assertThat(request.subject()).isEqualTo(Subject.of("appointment", appointment.appointmentId()));
            assertThat(request.recipient().email()).isEqualTo("jane@example.com");
            assertThat(request.recipient().phone()).isEqualTo("+1 212 555 0100");
            assertThat(request.critical()).isFalse();
            assertThat(request.data()).isInstanceOfSatisfying(PatientNotifier.AppointmentNews.class, news -> {
                assertThat(news.clinicName()).isEqualTo("Downtown Clinic");
                assertThat(news.clinicAddress()).isEqualTo("1 Main St, Springfield");
                assertThat(news.startsAt()).isEqualTo("Tue 3 Mar 2026, 09:00");
            });
        });
        assertThat(redelivery.notifications()).isEmpty();
    }

    @Test
    void usesOnlyTheChannelsTheTenantEnabled() {
        HealthcareSettings settings = Fixtures.settings();
        NotifyHandler smsOnly = new NotifyHandler(new HealthcareSettings(settings.clinics(), settings.systemsOfRecord(),
                settings.reminderLeadTime(), List.of(NotificationChannel.SMS)));

        smsOnly.handle(AppointmentAssigned.of(appointment), repositories.context(HealthcarePlugin.NOTIFY).at(NOW));

        assertThat(repositories.notifications.all()).extracting(PatientNotification::channel)
                .containsExactly(NotificationChannel.SMS);
    }

    @Test
    void explainsADecline() {
        AppointmentAssigned declined = new AppointmentAssigned(appointment.appointmentId(), "REQ-1", 1,
                AppointmentStatus.DECLINED, null, null, null, null, null, "no free slot", "P-1");

        new NotifyHandler(Fixtures.settings()).handle(declined, repositories.context(HealthcarePlugin.NOTIFY).at(NOW));

        assertThat(repositories.notifications.all()).extracting(PatientNotification::message)
                .containsOnly("We could not book an appointment for your request REQ-1: no free slot.");
    }

    @Test
    void anAssignmentOfAnUnknownAppointmentIsADeadLetter() {
        AppointmentAssigned unknown = new AppointmentAssigned("A-404", "REQ-9", 1, AppointmentStatus.DECLINED, null, null, null,
                null, null, "no free slot", null);

        assertThatThrownBy(() -> new NotifyHandler(Fixtures.settings()).handle(unknown,
                repositories.context(HealthcarePlugin.NOTIFY).at(NOW)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("appointment 'A-404' of tenant 'test-tenant' does not exist");
    }
}
