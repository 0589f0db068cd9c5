package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import java.time.Instant;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a system of record receives about one appointment version: ids, clinic, times and status, and nothing
 * more (no name, contact, date of birth or reason: the minimum of health information). A receiver keeps the
 * highest {@code version} it has seen per appointment and ignores lower ones, since deliveries may overtake
 * each other.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncPayload(
        String appointmentId,
        String requestId,
        String patientId,
        int version,
        AppointmentStatus status,
        String clinicId,
        Instant startsAt,
        Instant endsAt) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public SyncPayload {
        requireNonNull(appointmentId, "appointmentId is null");
        requireNonNull(status, "status is null");
    }

    public static SyncPayload of(AppointmentAssigned assigned) {
        return new SyncPayload(assigned.appointmentId(), assigned.requestId(), assigned.patientId(), assigned.version(),
                assigned.status(), assigned.clinicId(), assigned.startsAt(), assigned.endsAt());
    }

    /** The appointment as it stands; equal to what was announced for its current version. */
    public static SyncPayload of(Appointment appointment) {
        return new SyncPayload(appointment.appointmentId(), appointment.requestId(), appointment.patientId(),
                appointment.version(), appointment.status(), appointment.clinicId(), appointment.startsAt(), appointment.endsAt());
    }

    /** The {@code Idempotency-Key} of this version: the same on every attempt and for every system. */
    public String idempotencyKey() {
        return appointmentId + "-v" + version;
    }

    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }
}
