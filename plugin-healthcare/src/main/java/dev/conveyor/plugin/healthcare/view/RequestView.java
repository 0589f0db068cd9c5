package dev.conveyor.plugin.healthcare.view;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.sdk.RequestContext;
import java.util.Optional;

/**
 * The {@code requests} view: the appointment a request produced, or PENDING while the management stage has not
 * decided it. The plugin learns of a request only when that stage handles it, so an unknown requestId also reads
 * PENDING: the view cannot tell "not yet" from "never sent".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestView(
        String requestId,
        State state,
        String appointmentId,
        AppointmentStatus appointmentStatus,
        Integer version,
        String declineReason) {

    public RequestView {
        requireNonNull(requestId, "requestId is null");
        requireNonNull(state, "state is null");
    }

    public enum State {
        PENDING,
        DECIDED
    }

    /**
     * The {@link dev.conveyor.sdk.View.Finder} of the {@code requests} view, keyed by requestId; never empty.
     *
     * @throws dev.conveyor.sdk.ValidationException when the key cannot be a request id (the API answers 400)
     */
    public static Optional<RequestView> find(String requestId, RequestContext context) {
        Keys.id("requestId", requestId);
        return Optional.of(context.repository(Appointments.class).findByRequestId(requestId)
                .map(RequestView::of)
                .orElseGet(() -> pending(requestId)));
    }

    public static RequestView of(Appointment appointment) {
        return new RequestView(appointment.requestId(), State.DECIDED, appointment.appointmentId(), appointment.status(),
                appointment.version(), appointment.declineReason());
    }

    public static RequestView pending(String requestId) {
        return new RequestView(requestId, State.PENDING, null, null, null, null);
    }
}
