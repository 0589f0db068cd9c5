package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.shipping.TrackingNumber;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The {@code shipments} view: a shipment by tracking number, its current status and when the scan that set it
 * occurred, and its status history in the order things happened (a late scan sits where it occurred, not at the end).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentView(
        String trackingNumber,
        String orderId,
        ShipmentStatus status,
        ServiceLevel serviceLevel,
        String hub,
        LocalDate estimatedDelivery,
        Instant lastScanAt,
        String trackingUrl,
        List<Event> history) {

    public ShipmentView {
        requireNonNull(trackingNumber, "trackingNumber is null");
        requireNonNull(orderId, "orderId is null");
        requireNonNull(status, "status is null");
        history = List.copyOf(requireNonNull(history, "history is null"));
    }

    /**
     * The {@link dev.conveyor.sdk.View.Finder} of the {@code shipments} view.
     *
     * @throws ValidationException when the key is not a valid S10 tracking number (the API answers 400)
     */
    public static Optional<ShipmentView> find(String key, RequestContext context) {
        Optional<String> problem = AcmeTracking.ISSUER.problem(key);
        if (problem.isPresent()) {
            throw new ValidationException("the tracking number", List.of(new Violation("trackingNumber", problem.get())));
        }
        return context.repository(Shipments.class).findByTrackingNumber(AcmeTracking.ISSUER.parse(key).value())
                .map(ShipmentView::of);
    }

    public static ShipmentView of(Shipment shipment) {
        TrackingNumber trackingNumber = shipment.trackingNumber();
        return new ShipmentView(
                trackingNumber.value(),
                shipment.orderId(),
                shipment.status(),
                shipment.serviceLevel(),
                shipment.hub(),
                shipment.estimatedDelivery(),
                shipment.lastScanAt(),
                AcmeTracking.trackingUrl(trackingNumber),
                shipment.history().stream().map(Event::of).toList());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(ShipmentStatus status, Instant occurredAt, String location, String scanId, String detail, String note,
            Instant recordedAt) {

        static Event of(ShipmentEvent event) {
            return new Event(event.status(), event.occurredAt(), event.location(), event.scanId(), event.detail(), event.note(),
                    event.recordedAt());
        }
    }
}
