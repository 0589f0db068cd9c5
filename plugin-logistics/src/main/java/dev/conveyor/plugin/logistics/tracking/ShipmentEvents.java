package dev.conveyor.plugin.logistics.tracking;

import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.Subject;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The events about a shipment (subject {@code shipment/<tracking number>}) its customer's tracking page and streams
 * show: no personal data, a location at most a hub or a city.
 */
public final class ShipmentEvents {

    public static final EventType<ShipmentStatusUpdated> STATUS_CHANGED = EventType.of("shipment.status-changed",
            "The shipment reached a new status (label created, in transit, out for delivery, delivered, exception)",
            ShipmentStatusUpdated.class);

    private ShipmentEvents() {
    }

    public static Subject subject(String trackingNumber) {
        return Subject.of("shipment", trackingNumber);
    }

    /** {@code location} is a hub or a city; {@code detail} what the carrier adds, such as the reason of an exception. */
    public record ShipmentStatusUpdated(String trackingNumber, String orderId, ShipmentStatus status, Instant occurredAt,
            LocalDate estimatedDelivery, String location) {
    }
}
