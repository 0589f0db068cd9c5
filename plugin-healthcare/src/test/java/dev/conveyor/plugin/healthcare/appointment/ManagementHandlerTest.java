package dev.conveyor.plugin.healthcare.appointment;

import static dev.conveyor.plugin.healthcare.Fixtures.preference;
import static dev.conveyor.plugin.healthcare.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.InMemoryRepositories;
import dev.conveyor.sdk.Subject;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ManagementHandlerTest {

    /** Sunday 1 March 2026, noon UTC: two days before the preferred Tuesday. */
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** 09:00 in New York on Tuesday 3 March 2026 (UTC-5). */
    private static final Instant NINE_AM = Instant.parse("2026-03-03T14:00:00Z");

    private final InMemoryRepositories repositories = new InMemoryRepositories();
    private final ManagementHandler handler = new ManagementHandler(Fixtures.settings());

    @Test
    void booksTheFirstFreeSlotAnnouncesItAndSchedulesItsReminder() {
        TestHandlerContext context = handle(request());

        Appointment appointment = repositories.appointments.only();
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(appointment.clinicId()).isEqualTo("downtown");
        assertThat(appointment.startsAt()).isEqualTo(NINE_AM);
        assertThat(appointment.endsAt()).isEqualTo(NINE_AM.plusSeconds(30 * 60));
        assertThat(appointment.patientEmail()).isEqualTo("jane@example.com");
        assertThat(repositories.slots.booked("downtown", NINE_AM)).isEqualTo(1);
        assertThat(context.sent(HealthcarePlugin.ASSIGNMENT_QUEUE)).containsExactly(AppointmentAssigned.of(appointment));
        assertThat(context.sent()).contains(new TestHandlerContext.Sent("ReminderQueue",
                new ReminderDue(appointment.appointmentId(), 1), NINE_AM.minusSeconds(24 * 3600)));
        // The patient's page reads its times in the clinic's zone and says what to bring.
        assertThat(context.published()).singleElement().satisfies(event -> {
            assertThat(event.subject()).isEqualTo(Subject.of("appointment", appointment.appointmentId()));
            assertThat(event.data()).isEqualTo(new AppointmentEvents.AppointmentUpdated(appointment.appointmentId(),
                    "BOOKED", "Downtown Clinic", "1 Main St, Springfield", NINE_AM, NINE_AM.plusSeconds(30 * 60),
                    "America/New_York", "Your insurance card", null));
        });
    }

    @Test
    void neverBooksASlotBeyondItsCapacityAndSaysWhyARequestIsDeclined() {
        for (int i = 0; i < 3; i++) {
            handle(Fixtures.request("REQ-" + i, preference("2026-03-03", "09:00", "09:30")));
        }

        assertThat(repositories.appointments.all()).extracting(Appointment::status)
                .containsExactly(AppointmentStatus.BOOKED, AppointmentStatus.BOOKED, AppointmentStatus.DECLINED);
        assertThat(repositories.slots.booked("downtown", NINE_AM)).isEqualTo(2);
        assertThat(repositories.appointments.findByRequestId("REQ-2").orElseThrow().declineReason()).isEqualTo(
                "no free slot: preferences[0] Tue 3 Mar 2026 09:00-09:30: Downtown Clinic (fully booked), "
                        + "Uptown Clinic (closed on Tuesday)");
    }

    @Test
    void declinesARequestThatBreaksItsRulesSoThePatientIsToldWhy() {
        AppointmentRequest valid = request();
        Patient patient = valid.patient();
        AppointmentRequest request = new AppointmentRequest(valid.requestId(), new Patient(patient.patientId(), patient.name(),
                patient.email(), null, LocalDate.of(2027, 1, 1)), valid.preferences(), List.of("nowhere"), valid.reason());

        TestHandlerContext context = handle(request);

        Appointment appointment = repositories.appointments.only();
        assertThat(appointment.status()).isEqualTo(AppointmentStatus.DECLINED);
        assertThat(appointment.declineReason()).isEqualTo("the request is invalid: patient.dateOfBirth: is in the future; "
                + "clinicPreferences[0]: 'nowhere' is not one of the clinics (downtown, uptown)");
        assertThat(appointment.patientEmail()).isEqualTo("jane@example.com");
        assertThat(context.sent()).singleElement().extracting(TestHandlerContext.Sent::queue).isEqualTo("AssignmentQueue");
        assertThat(context.sent(HealthcarePlugin.ASSIGNMENT_QUEUE)).singleElement()
                .extracting(AppointmentAssigned::status).isEqualTo(AppointmentStatus.DECLINED);
        assertThat(repositories.slots.booked("downtown", NINE_AM)).isZero();
    }

    @Test
    void aRequestSentTwiceUnderAnotherMessageIdIsDecidedOnce() {
        handle(request());
        TestHandlerContext second = handle(request());

        assertThat(repositories.appointments.all()).hasSize(1);
        assertThat(second.sent()).isEmpty();
        assertThat(repositories.slots.booked("downtown", NINE_AM)).isEqualTo(1);
    }

    @Test
    void aBookingAtShortNoticeGetsNoReminder() {
        TestHandlerContext context = repositories.context(HealthcarePlugin.MANAGEMENT).at(NINE_AM.minusSeconds(3600));
        handler.handle(request(), context);

        assertThat(context.sent()).extracting(TestHandlerContext.Sent::queue).containsExactly("AssignmentQueue");
    }

    private TestHandlerContext handle(AppointmentRequest request) {
        TestHandlerContext context = repositories.context(HealthcarePlugin.MANAGEMENT).at(NOW);
        handler.handle(request, context);
        return context;
    }
}
