package dev.conveyor.plugin.healthcare.change;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.healthcare.Ids;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlot;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlots;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A patient cancels or reschedules an appointment ({@code healthcare.appointment-change.v1}). A reschedule lists
 * the preferred new slots, tried like those of a request (the appointment's clinic first); a cancel lists none (a
 * rule of the changes stage). {@code reason} is for the request only and is not stored. To make a retried POST safe,
 * send it with an Idempotency-Key: a cancel repeated is a no-op, but a reschedule repeated would move the appointment
 * again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentChange(
        @NotNull(message = "is required") @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String appointmentId,
        @NotNull(message = "is required: CANCEL or RESCHEDULE") ChangeKind kind,
        @Size(max = PreferredSlots.MAX, message = "must list at most {max} preferred slots")
        List<@NotNull(message = "is null; give date, from and to") @Valid PreferredSlot> preferences,
        @Size(max = 500, message = "must be at most {max} characters") String reason) {

    /** Without the reason, which may be health information. */
    @Override
    public String toString() {
        return "AppointmentChange[appointmentId=" + appointmentId + ", kind=" + kind + "]";
    }
}
