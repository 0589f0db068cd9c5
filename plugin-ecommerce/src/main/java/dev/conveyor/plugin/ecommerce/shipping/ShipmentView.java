package dev.conveyor.plugin.ecommerce.shipping;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.tracking.TrackingNumber;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The {@code shipments} view: a parcel by tracking number, with its status history oldest first. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentView(
        String trackingNumber,
        String orderId,
        ShipmentStatus status,
        String warehouse,
        String carrier,
        ShippingSpeed speed,
        LocalDate estimatedDelivery,
        Instant deliveredAt,
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
     * @throws IllegalArgumentException when the key is not a valid S10 tracking number (the API answers 400)
     */
    public static Optional<Object> find(String tenantId, String key, EntityManager entityManager) {
        TrackingNumber trackingNumber = TrackingNumber.parse(key);
        return Shipments.find(entityManager, tenantId, trackingNumber)
                .<Object>map(shipment -> of(shipment, Shipments.history(entityManager, shipment)));
    }

    public static ShipmentView of(Shipment shipment, List<ShipmentEvent> history) {
        return new ShipmentView(
                shipment.trackingNumber().value(),
                shipment.orderId(),
                shipment.status(),
                shipment.warehouse(),
                shipment.carrier(),
                shipment.speed(),
                shipment.estimatedDelivery(),
                shipment.deliveredAt(),
                shipment.trackingUrl(),
                history.stream().map(Event::of).toList());
    }

    /** One entry of the history; {@code applied} is false for a late scan that did not set the status. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Event(ShipmentStatus status, Instant occurredAt, String location, String detail, String scanId, boolean applied) {

        static Event of(ShipmentEvent event) {
            return new Event(event.status(), event.occurredAt(), event.location(), event.detail(), event.scanId(), event.applied());
        }
    }
}
