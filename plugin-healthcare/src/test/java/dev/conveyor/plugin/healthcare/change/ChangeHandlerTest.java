package dev.conveyor.plugin.healthcare.change;

import static dev.conveyor.plugin.healthcare.Fixtures.preference;
import static dev.conveyor.testkit.unit.Constraints.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.InMemoryRepositories;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.ManagementHandler;
import dev.conveyor.plugin.healthcare.appointment.ReminderDue;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ChangeHandlerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    /** 09:00 in New York on Tuesday 3 March 2026, where the appointment is booked. */
    private static final Instant BOOKED_AT = Instant.parse("2026-03-03T14:00:00Z");
    /** 10:00 in New York on Wednesday 4 March 2026. */
    private static final Instant MOVED_TO = Instant.parse("2026-03-04T15:00:00Z");

    private final InMemoryRepositories repositories = new InMemoryRepositories();
    private final ChangeHandler handler = new ChangeHandler(Fixtures.settings());
    private Appointment appointment;

    @BeforeEach
    void bookAnAppointment() {
        new ManagementHandler(Fixtures.settings()).handle(Fixtures.request(),
                repositories.context(HealthcarePlugin.MANAGEMENT).at(NOW));
        appointment = repositories.appointments.only();
    }

    @Test
    void aCancelFreesTheSeatBumpsTheVersionAndIsAnnounced() {
        TestHandlerContext context = handle(new AppointmentChange(appointment.appointmentId(), ChangeKind.CANCEL, null,
                "Feeling better"));

        assertThat(appointment.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(appointment.version()).isEqualTo(2);
        assertThat(repositories.slots.booked("downtown", BOOKED_AT)).isZero();
        assertThat(context.sent(HealthcarePlugin.ASSIGNMENT_QUEUE)).containsExactly(AppointmentAssigned.of(appointment));
        assertThat(context.sent(HealthcarePlugin.REMINDER_QUEUE)).isEmpty();
    }

    @Test
    void aRescheduleBooksTheNewSlotGivesBackTheOldAndRemindsOfTheNewVersion() {
        TestHandlerContext context = handle(new AppointmentChange(appointment.appointmentId(), ChangeKind.RESCHEDULE,
                List.of(preference("2026-03-04", "10:00", "11:00")), null));

        assertThat(appointment.status()).isEqualTo(AppointmentStatus.RESCHEDULED);
        assertThat(appointment.version()).isEqualTo(2);
        assertThat(appointment.startsAt()).isEqualTo(MOVED_TO);
        assertThat(repositories.slots.booked("downtown", BOOKED_AT)).isZero();
        assertThat(repositories.slots.booked("downtown", MOVED_TO)).isEqualTo(1);
        assertThat(context.sent(HealthcarePlugin.ASSIGNMENT_QUEUE)).extracting(AppointmentAssigned::status)
                .containsExactly(AppointmentStatus.RESCHEDULED);
        assertThat(context.sent()).contains(new TestHandlerContext.Sent("ReminderQueue",
                new ReminderDue(appointment.appointmentId(), 2), MOVED_TO.minusSeconds(24 * 3600)));
    }

    @Test
    void aChangeThatCannotBeMadeLeavesTheAppointmentAndIsRecordedOnIt() {
        TestHandlerContext context = handle(new AppointmentChange(appointment.appointmentId(), ChangeKind.RESCHEDULE,
                List.of(preference("2026-03-07", "09:00", "12:00")), null));

        assertThat(appointment.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(appointment.version()).isEqualTo(1);
        assertThat(appointment.changeRejection()).startsWith("RESCHEDULE refused: no free slot: preferences[0] Sat 7 Mar 2026");
        assertThat(repositories.slots.booked("downtown", BOOKED_AT)).isEqualTo(1);
        assertThat(context.sent()).isEmpty();
    }

    @Test
    void cancellingTwiceChangesNothingTheSecondTime() {
        AppointmentChange cancel = new AppointmentChange(appointment.appointmentId(), ChangeKind.CANCEL, null, null);
        handle(cancel);

        TestHandlerContext second = handle(cancel);

        assertThat(appointment.version()).isEqualTo(2);
        assertThat(appointment.changeRejection()).isNull();
        assertThat(second.sent()).isEmpty();
    }

    @Test
    void aChangeOfAnAppointmentTheTenantDoesNotHaveIsADeadLetter() {
        assertThatThrownBy(() -> handle(new AppointmentChange("A-404", ChangeKind.CANCEL, null, null)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("appointment 'A-404' of tenant 'test-tenant' does not exist");
    }

    @Test
    void wantsPreferencesForARescheduleAndNoneForACancel() {
        assertThatThrownBy(() -> handle(new AppointmentChange(appointment.appointmentId(), ChangeKind.RESCHEDULE, List.of(), null)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageEndingWith("is invalid: preferences: must list 1 to 10 preferred slots, each with date, from and to");
        assertThatThrownBy(() -> handle(new AppointmentChange(appointment.appointmentId(), ChangeKind.RESCHEDULE,
                List.of(preference("2026-03-05", "12:00", "09:00")), null)))
                .hasMessageEndingWith("is invalid: preferences[0].to: must be after from (12:00), was 09:00");
        assertThatThrownBy(() -> handle(new AppointmentChange(appointment.appointmentId(), ChangeKind.CANCEL,
                List.of(preference("2026-03-05", "09:00", "12:00")), null)))
                .hasMessageEndingWith("is invalid: preferences: only a RESCHEDULE takes preferred slots; leave them out of a CANCEL");
        assertThat(appointment.version()).isEqualTo(1);
    }

    @Test
    void reportsAMissingOrMalformedIdAMissingKindAndALongReason() {
        assertThat(violations(new AppointmentChange("4f1c0e1a-0000-4000-8000-000000000001", ChangeKind.CANCEL, null,
                "Feeling better"))).isEmpty();
        assertThat(violations(new AppointmentChange(null, null, null, null))).containsExactly(
                new Violation("appointmentId", "is required"),
                new Violation("kind", "is required: CANCEL or RESCHEDULE"));
        assertThat(violations(new AppointmentChange("A 1", ChangeKind.CANCEL, null, "r".repeat(501)))).containsExactly(
                new Violation("appointmentId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"),
                new Violation("reason", "must be at most 500 characters"));
    }

    private TestHandlerContext handle(AppointmentChange change) {
        TestHandlerContext context = repositories.context(HealthcarePlugin.CHANGES).at(NOW);
        handler.handle(change, context);
        return context;
    }
}
