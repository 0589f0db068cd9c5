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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code notify} stage: records what the patient is told about each version of an appointment (booked with
 * the clinic's name, address, date and time; declined with the reason; cancelled; rescheduled), on every enabled
 * channel the patient gave a contact for, once per (appointment, version, channel, kind). The message says what
 * happened at its version; the appointment supplies only the patient's contact.
 */
public final class NotifyHandler implements Handler<AppointmentAssigned> {

    private final Map<String, ZoneId> zoneByClinic;
    private final PatientNotifier notifier;

    public NotifyHandler(HealthcareSettings settings) {
        this.zoneByClinic = settings.clinics().stream().collect(Collectors.toUnmodifiableMap(Clinic::id, Clinic::timeZone,
                (first, duplicate) -> first));
        this.notifier = new PatientNotifier(settings.notificationChannels());
    }

    @Override
    public void handle(AppointmentAssigned assigned, HandlerContext context) {
        String tenantId = context.tenantId();
        Appointment appointment = context.repository(Appointments.class).findByAppointmentId(assigned.appointmentId())
                .orElseThrow(() -> new PermanentFailure("appointment '" + assigned.appointmentId() + "' of tenant '" + tenantId
                        + "' does not exist, so message '" + context.messageId() + "' has no patient to notify; an assignment "
                        + "must follow an appointment of the same tenant"));
        // The clinic's zone now, else as it was at booking (the clinic may have left the settings since).
        ZoneId zone = assigned.clinicId() == null ? null
                : zoneByClinic.getOrDefault(assigned.clinicId(), appointment.clinicTimeZone());
        NotificationKind kind = NotificationKind.of(assigned.status());
        PatientMessages.Details details = new PatientMessages.Details(assigned.appointmentId(), assigned.requestId(),
                assigned.clinicName(), assigned.clinicAddress(), zone, assigned.startsAt(), assigned.endsAt(),
                assigned.declineReason());
        String message = PatientMessages.compose(kind, details);
        if (!notifier.record(context.repository(PatientNotifications.class), appointment, assigned.version(), kind, message,
                context.clock().instant()).isEmpty()) {
            notifier.tell(context, appointment, kind, message, details);
        }
    }
}
