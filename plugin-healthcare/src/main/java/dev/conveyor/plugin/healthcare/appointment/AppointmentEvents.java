package dev.conveyor.plugin.healthcare.appointment;

import dev.conveyor.plugin.healthcare.settings.Clinic;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.Subject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

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

    /**
     * Publishes the appointment as it stands now, in the handler's transaction, with its clinic's time zone (pages
     * show its times there) and what to bring, as the tenant's settings say today.
     */
    public static void publish(HandlerContext context, Appointment appointment, HealthcareSettings settings) {
        Optional<Clinic> clinic = settings.clinics().stream()
                .filter(candidate -> candidate.id().equals(appointment.clinicId())).findFirst();
        ZoneId zone = appointment.clinicTimeZone() != null ? appointment.clinicTimeZone()
                : clinic.map(Clinic::timeZone).orElse(null);
        context.publish(UPDATED, Subject.of("appointment", appointment.appointmentId()), new AppointmentUpdated(
                appointment.appointmentId(), appointment.status().name(), appointment.clinicName(),
                appointment.clinicAddress(), appointment.startsAt(), appointment.endsAt(),
                zone == null ? null : zone.getId(), clinic.map(Clinic::whatToBring).orElse(null),
                appointment.declineReason()));
    }

    /**
     * @param timeZone    the clinic's IANA zone, in which {@code startsAt} and {@code endsAt} are read
     * @param whatToBring what the clinic asks patients to bring, or null
     */
    public record AppointmentUpdated(String appointmentId, String status, String clinic, String clinicAddress,
            Instant startsAt, Instant endsAt, String timeZone, String whatToBring, String declineReason) {
    }
}
