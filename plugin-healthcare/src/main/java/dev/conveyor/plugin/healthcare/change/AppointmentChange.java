package dev.conveyor.plugin.healthcare.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlot;
import java.util.List;

/**
 * A patient cancels or reschedules an appointment ({@code healthcare.appointment-change.v1}). A reschedule lists
 * the preferred new slots, tried like those of a request (the appointment's clinic first); a cancel lists none.
 * {@code reason} is for the request only and is not stored. To make a retried POST safe, send it with an
 * Idempotency-Key: a cancel repeated is a no-op, but a reschedule repeated would move the appointment again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentChange(String appointmentId, ChangeKind kind, List<PreferredSlot> preferences, String reason) {

    /** Without the reason, which may be health information. */
    @Override
    public String toString() {
        return "AppointmentChange[appointmentId=" + appointmentId + ", kind=" + kind + "]";
    }
}
