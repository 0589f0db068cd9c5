package dev.conveyor.plugin.logistics.dispatch;

import dev.conveyor.sdk.EventType;
import java.time.LocalDate;

/** The events the dispatch stage publishes about an order (subject {@code order/<orderId>}); no personal data. */
public final class OrderEvents {

    public static final EventType<OrderDispatched> DISPATCHED = EventType.of("order.dispatched",
            "The order was accepted and planned for dispatch from a hub", OrderDispatched.class);
    public static final EventType<OrderRejected> REJECTED = EventType.of("order.rejected",
            "The order was rejected for the business reasons it names", OrderRejected.class);

    private OrderEvents() {
    }

    public record OrderDispatched(String orderId, String hub, LocalDate pickupDate, LocalDate estimatedDelivery) {
    }

    public record OrderRejected(String orderId, String reason) {
    }
}
