package dev.conveyor.plugin.healthcare.appointment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlot;
import java.util.List;

/**
 * A patient asks for an appointment ({@code healthcare.appointment-request.v1}): up to 10 preferred slots in order,
 * optionally the clinics they prefer in order, and the reason for the visit. Not validated on construction:
 * foreign producers send anything, and {@link AppointmentRequestValidator} reports every problem at once.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentRequest(
        String requestId,
        Patient patient,
        List<PreferredSlot> preferences,
        List<String> clinicPreferences,
        String reason) {

    /** Without the personal data, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "AppointmentRequest[requestId=" + requestId + "]";
    }
}
