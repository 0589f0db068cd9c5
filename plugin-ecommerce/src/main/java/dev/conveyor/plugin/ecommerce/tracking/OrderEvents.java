package dev.conveyor.plugin.ecommerce.tracking;

import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.Subject;
import java.time.LocalDate;

/**
 * The events about an order (subject {@code order/<orderId>}) and its parcels (subject {@code shipment/<tracking
 * number>}) that the customer's tracking page and the shop's streams show: status and dates, no personal data.
 */
public final class OrderEvents {

    public static final EventType<OrderUpdated> UPDATED = EventType.of("order.updated",
            "The order was confirmed, backordered, rejected, shipped, or one of its parcels was scanned or delivered",
            OrderUpdated.class);

    private OrderEvents() {
    }

    public static Subject order(String orderId) {
        return Subject.of("order", orderId);
    }

    public static Subject shipment(String trackingNumber) {
        return Subject.of("shipment", trackingNumber);
    }

    /** {@code status} is the update's kind (CONFIRMED, SHIPPED, IN_TRANSIT, DELIVERED, ...). */
    public record OrderUpdated(String orderId, String status, String trackingNumber, LocalDate estimatedDelivery,
            LocalDate deliveredOn) {
    }
}
