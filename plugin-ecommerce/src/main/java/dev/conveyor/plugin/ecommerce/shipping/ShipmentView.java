package dev.conveyor.plugin.ecommerce.shipping;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.shipping.S10;
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
     * The finder of the {@code shipments} view.
     *
     * @throws ValidationException when the key is not a valid S10 tracking number (the API answers 400)
     */
    public static Optional<ShipmentView> find(String key, RequestContext context) {
        return context.repository(Shipments.class).findByTrackingNumber(trackingNumberOf(key))
                .map(shipment -> of(shipment, context.repository(ShipmentEvents.class).findByShipmentOrderByOccurredAtAscIdAsc(shipment)));
    }

    /**
     * A view's key read as a tracking number as a person types it (surrounding blanks and lower case forgiven). Any
     * valid S10 number passes, so that a partner's number is answered with "not found" rather than "malformed".
     *
     * @throws ValidationException naming what is wrong with it
     */
    public static String trackingNumberOf(String key) {
        String candidate = S10.normalize(key);
        S10.problem(candidate, key, OrderUpdate.TRACKING_NUMBER_EXAMPLE).ifPresent(problem -> {
            throw new ValidationException("tracking number", List.of(new Violation("trackingNumber", problem)));
        });
        return candidate;
    }

    public static ShipmentView of(Shipment shipment, List<ShipmentEvent> history) {
        return new ShipmentView(
                shipment.trackingNumber(),
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
