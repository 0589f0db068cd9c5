package dev.conveyor.plugin.healthcare.change;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentEvents;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.appointment.Reminders;
import dev.conveyor.plugin.healthcare.scheduling.ClinicSlots;
import dev.conveyor.plugin.healthcare.scheduling.ClinicWindow;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlots;
import dev.conveyor.plugin.healthcare.scheduling.Slot;
import dev.conveyor.plugin.healthcare.scheduling.SlotCandidates;
import dev.conveyor.plugin.healthcare.scheduling.SlotLedger;
import dev.conveyor.plugin.healthcare.settings.Clinic;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Violation;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The {@code changes} stage: cancels or reschedules an appointment. Each applied change bumps the appointment's
 * version and is announced on the assignment queue; a reschedule books its new slot before it gives the old one
 * back, so that it never loses the patient's seat, and schedules the reminder of the new version (the old
 * reminder turns stale). A change that cannot be made (no slot free, the appointment already cancelled or begun)
 * leaves the appointment as it was and is recorded on it as its last change rejection. The appointment's row is
 * locked for the change, so two changes of one appointment apply one after the other. A change that breaks a rule
 * its annotations cannot state (a reschedule without preferred slots, a cancel with some) is a dead letter.
 */
public final class ChangeHandler implements Handler<AppointmentChange> {

    private static final System.Logger log = System.getLogger(ChangeHandler.class.getName());

    private final HealthcareSettings settings;

    public ChangeHandler(HealthcareSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void handle(AppointmentChange change, HandlerContext context) {
        List<Violation> violations = violations(change);
        if (!violations.isEmpty()) {
            throw new PermanentFailure("appointment change message '" + context.messageId() + "' is invalid: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        String tenantId = context.tenantId();
        Appointment appointment = context.repository(Appointments.class).findForUpdateByAppointmentId(change.appointmentId())
                .orElseThrow(() -> new PermanentFailure("appointment '" + change.appointmentId() + "' of tenant '" + tenantId
                        + "' does not exist, so change message '" + context.messageId() + "' (" + change.kind()
                        + ") cannot be applied; use the appointmentId the appointments view shows for the request"));
        Instant now = context.clock().instant();
        Optional<String> refusal = refusal(appointment, change.kind(), now);
        if (refusal.isPresent()) {
            if (change.kind() == ChangeKind.CANCEL && appointment.status() == AppointmentStatus.CANCELLED) {
                log.log(Level.INFO, "appointment {0} of tenant {1} is already cancelled; message {2} changes nothing",
                        appointment.appointmentId(), tenantId, context.messageId());
                return;
            }
            reject(appointment, change.kind(), refusal.get(), now, context);
            return;
        }
        switch (change.kind()) {
            case CANCEL -> cancel(appointment, now, context);
            case RESCHEDULE -> reschedule(appointment, change, now, context);
        }
    }

    private static List<Violation> violations(AppointmentChange change) {
        List<Violation> violations = new ArrayList<>();
        boolean hasPreferences = change.preferences() != null && !change.preferences().isEmpty();
        if (change.kind() == ChangeKind.RESCHEDULE && !hasPreferences) {
            violations.add(new Violation("preferences", "must list 1 to " + PreferredSlots.MAX
                    + " preferred slots, each with date, from and to"));
        } else if (change.kind() == ChangeKind.RESCHEDULE) {
            PreferredSlots.checkOrder("preferences", change.preferences(), violations);
        } else if (hasPreferences) {
            violations.add(new Violation("preferences", "only a RESCHEDULE takes preferred slots; leave them out of a CANCEL"));
        }
        return violations;
    }

    private void cancel(Appointment appointment, Instant now, HandlerContext context) {
        release(appointment, context);
        appointment.cancel(now);
        context.send(HealthcarePlugin.ASSIGNMENT_QUEUE, AppointmentAssigned.of(appointment));
        AppointmentEvents.publish(context, appointment, settings);
        log.log(Level.INFO, "appointment {0} of tenant {1} cancelled (version {2})", appointment.appointmentId(),
                context.tenantId(), appointment.version());
    }

    private void reschedule(Appointment appointment, AppointmentChange change, Instant now, HandlerContext context) {
        List<Clinic> clinics = SlotCandidates.clinicOrder(List.of(appointment.clinicId()), settings.clinics());
        List<ClinicWindow> windows = SlotCandidates.windows(change.preferences(), clinics, now);
        Optional<Slot> slot = SlotLedger.bookFirstFree(context.repository(ClinicSlots.class), context.tenantId(), windows,
                candidate -> candidate.clinic().id().equals(appointment.clinicId())
                        && candidate.startsAt().equals(appointment.startsAt()));
        if (slot.isEmpty()) {
            reject(appointment, ChangeKind.RESCHEDULE, SlotCandidates.noSlotReason(windows), now, context);
            return;
        }
        release(appointment, context);
        appointment.reschedule(slot.get(), now);
        context.send(HealthcarePlugin.ASSIGNMENT_QUEUE, AppointmentAssigned.of(appointment));
        AppointmentEvents.publish(context, appointment, settings);
        Reminders.schedule(context, appointment, settings.reminderLeadTime());
        log.log(Level.INFO, "appointment {0} of tenant {1} rescheduled (version {2})", appointment.appointmentId(),
                context.tenantId(), appointment.version());
    }

    private static Optional<String> refusal(Appointment appointment, ChangeKind kind, Instant now) {
        String verb = kind == ChangeKind.CANCEL ? "cancelled" : "rescheduled";
        return switch (appointment.status()) {
            case DECLINED -> Optional.of("the request was declined, so there is no appointment to be " + verb
                    + "; send a new appointment request instead");
            case CANCELLED -> Optional.of("it is cancelled, so it cannot be " + verb + "; send a new appointment request instead");
            case BOOKED, RESCHEDULED -> appointment.startsAt().isAfter(now)
                    ? Optional.empty()
                    : Optional.of("it began at " + appointment.startsAt() + ", so it can no longer be " + verb);
        };
    }

    private static void reject(Appointment appointment, ChangeKind kind, String why, Instant now, HandlerContext context) {
        appointment.rejectChange(kind + " refused: " + why, now);
        log.log(Level.INFO, "appointment {0} of tenant {1}: {2} refused (message {3})", appointment.appointmentId(),
                context.tenantId(), kind, context.messageId());
    }

    private static void release(Appointment appointment, HandlerContext context) {
        if (!SlotLedger.release(context.repository(ClinicSlots.class), appointment.clinicId(), appointment.startsAt())) {
            // The ledger and the appointment disagree; the change still stands, and the seat count cannot go negative.
            log.log(Level.WARNING, "appointment {0} of tenant {1}: its slot at clinic {2} had no seat booked to give back",
                    appointment.appointmentId(), context.tenantId(), appointment.clinicId());
        }
    }
}
