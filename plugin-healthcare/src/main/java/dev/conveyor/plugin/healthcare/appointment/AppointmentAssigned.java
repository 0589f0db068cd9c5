package dev.conveyor.plugin.healthcare.appointment;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/**
 * What became of an appointment at one {@code version} ({@code healthcare.appointment-assigned.v1}): booked,
 * declined (with {@code declineReason}, and no clinic or times), cancelled (with the slot it had) or rescheduled
 * (with the new slot). Carries ids and the clinic, not the patient's personal data: stages that need those read
 * the appointment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentAssigned(
        @NotNull String appointmentId,
        @NotNull String requestId,
        @Min(1) int version,
        @NotNull AppointmentStatus status,
        String clinicId,
        String clinicName,
        String clinicAddress,
        Instant startsAt,
        Instant endsAt,
        String declineReason,
        String patientId) {

    /** The appointment as it stands now. */
    public static AppointmentAssigned of(Appointment appointment) {
        requireNonNull(appointment, "appointment is null");
        return new AppointmentAssigned(appointment.appointmentId(), appointment.requestId(), appointment.version(),
                appointment.status(), appointment.clinicId(), appointment.clinicName(), appointment.clinicAddress(),
                appointment.startsAt(), appointment.endsAt(), appointment.declineReason(), appointment.patientId());
    }
}
