package dev.conveyor.plugin.healthcare.appointment;

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
 * A patient asks for an appointment ({@code healthcare.appointment-request.v1}): up to 10 preferred slots in order,
 * optionally the clinics they prefer in order, and the reason for the visit. The platform checks the annotations;
 * the rules that need the clock or the tenant's clinics are the management stage's ({@link RequestRules}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentRequest(
        @NotNull(message = "is required") @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String requestId,
        @NotNull(message = "is required; give patientId, name, dateOfBirth and an email or phone") @Valid Patient patient,
        @NotNull(message = PREFERENCES_RULE) @Size(min = 1, max = PreferredSlots.MAX, message = PREFERENCES_RULE)
        List<@NotNull(message = "is null; give date, from and to") @Valid PreferredSlot> preferences,
        @Size(max = 10, message = "must list at most {max} clinics")
        List<@NotNull(message = "is required") @Pattern(regexp = Ids.PATTERN, message = Ids.RULE) String> clinicPreferences,
        @Size(max = 500, message = "must be at most {max} characters") String reason) {

    static final String PREFERENCES_RULE = "must list 1 to " + PreferredSlots.MAX + " preferred slots, each with date, from and to";

    /** Without the personal data, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "AppointmentRequest[requestId=" + requestId + "]";
    }
}
