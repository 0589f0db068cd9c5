package dev.conveyor.plugin.healthcare.notification;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.settings.Clinic;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import java.time.ZoneId;

/**
 * The {@code notify} stage: records what the patient is told about each version of an appointment (booked with
 * the clinic's name, address, date and time; declined with the reason; cancelled; rescheduled), on every enabled
 * channel the patient gave a contact for, once per (appointment, version, channel, kind). The message says what
 * happened at its version; the appointment supplies only the patient's contact.
 */
public final class NotifyHandler implements Handler<AppointmentAssigned> {

    @Override
    public void handle(AppointmentAssigned assigned, HandlerContext context) {
        if (assigned.appointmentId() == null || assigned.status() == null || assigned.requestId() == null) {
            throw new PermanentFailure("assignment message '" + context.messageId() + "' lacks its appointmentId, requestId or "
                    + "status; the management and changes stages always send all three");
        }
        String tenantId = context.tenantId();
        Appointment appointment = Appointments.find(context.entityManager(), tenantId, assigned.appointmentId())
                .orElseThrow(() -> new PermanentFailure("appointment '" + assigned.appointmentId() + "' of tenant '" + tenantId
                        + "' does not exist, so message '" + context.messageId() + "' has no patient to notify; an assignment "
                        + "must follow an appointment of the same tenant"));
        HealthcareSettings settings = HealthcareSettings.of(context.config());
        // The clinic's zone now, else as it was at booking (the clinic may have left the settings since).
        ZoneId zone = assigned.clinicId() == null ? null
                : settings.clinic(assigned.clinicId()).map(Clinic::timeZone).orElseGet(appointment::clinicTimeZone);
        NotificationKind kind = NotificationKind.of(assigned.status());
        String message = PatientMessages.compose(kind, new PatientMessages.Details(assigned.appointmentId(),
                assigned.requestId(), assigned.clinicName(), assigned.clinicAddress(), zone, assigned.startsAt(),
                assigned.endsAt(), assigned.declineReason()));
        PatientNotifications.record(context.entityManager(), appointment, assigned.version(), kind, message,
                settings.notificationChannels(), context.clock().instant());
    }
}
