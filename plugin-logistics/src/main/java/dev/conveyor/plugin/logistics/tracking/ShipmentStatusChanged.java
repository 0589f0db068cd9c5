package dev.conveyor.plugin.logistics.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A shipment reached a status ({@code logistics.shipment-status.v1}): either LABEL_CREATED, announced by the
 * tracking stage for an order, or a carrier scan posted to {@code tracking-events}, which names the tracking number
 * and its own {@code scanId} and may leave out the order. {@code location} is a hub or a place; {@code detail} is
 * what the carrier adds, such as the reason of an exception or who signed for a delivery.
 * {@link ShipmentStatusValidator} holds the rules; {@code scanId} and {@code detail} came later and are optional,
 * so messages written before them still decode.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentStatusChanged(
        String orderId,
        String trackingNumber,
        ShipmentStatus status,
        Instant occurredAt,
        LocalDate estimatedDelivery,
        String location,
        String scanId,
        String detail) {

    /** What the tracking stage announces once it has printed the label of {@code orderId} at {@code hub}. */
    public static ShipmentStatusChanged labelCreated(String orderId, TrackingNumber trackingNumber, Instant occurredAt,
            LocalDate estimatedDelivery, String hub) {
        return new ShipmentStatusChanged(orderId, trackingNumber.value(), ShipmentStatus.LABEL_CREATED, occurredAt,
                estimatedDelivery, hub, null, null);
    }
}
