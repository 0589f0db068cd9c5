package dev.conveyor.plugin.healthcare.appointment;

import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.Subject;
import java.time.Instant;

/**
 * The events about an appointment (subject {@code appointment/<appointmentId>}) the patient's page and the clinic's
 * streams show: status, clinic and times; never the patient's personal data.
 */
public final class AppointmentEvents {

    public static final EventType<AppointmentUpdated> UPDATED = EventType.of("appointment.updated",
            "The appointment was booked, declined, rescheduled or cancelled; with its clinic and times",
            AppointmentUpdated.class);

    private AppointmentEvents() {
    }

    /** Publishes the appointment as it stands now, in the handler's transaction. */
    public static void publish(HandlerContext context, Appointment appointment) {
        context.publish(UPDATED, Subject.of("appointment", appointment.appointmentId()), new AppointmentUpdated(
                appointment.appointmentId(), appointment.status().name(), appointment.clinicName(),
                appointment.clinicAddress(), appointment.startsAt(), appointment.endsAt(), appointment.declineReason()));
    }

    public record AppointmentUpdated(String appointmentId, String status, String clinic, String clinicAddress,
            Instant startsAt, Instant endsAt, String declineReason) {
    }
}
