package dev.conveyor.plugin.logistics.order;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conveyor.sdk.RequestContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The {@code orders} view: where an order stands, and whether it has reached a final state. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        String orderId,
        OrderStatus status,
        // "final" is a Java keyword, so the component needs another name than the JSON property.
        @JsonProperty("final") boolean isFinal,
        String rejectionReason,
        String customerName,
        ServiceLevel serviceLevel,
        String hub,
        String trackingNumber,
        LocalDate estimatedDelivery,
        Instant receivedAt,
        Instant dispatchedAt,
        Instant notifiedAt,
        Instant deliveredAt,
        List<Item> items) {

    public OrderView {
        requireNonNull(orderId, "orderId is null");
        requireNonNull(status, "status is null");
        items = List.copyOf(requireNonNull(items, "items is null"));
    }

    /** The {@link dev.conveyor.sdk.View.Finder} of the {@code orders} view, keyed by orderId. */
    public static Optional<OrderView> find(String orderId, RequestContext context) {
        return context.repository(Orders.class).findByOrderId(orderId).map(OrderView::of);
    }

    public static OrderView of(Order order) {
        return new OrderView(
                order.orderId(),
                order.status(),
                order.status().isFinal(),
                order.rejectionReason(),
                order.customerName(),
                order.serviceLevel(),
                order.hub(),
                order.trackingNumber(),
                order.estimatedDelivery(),
                order.receivedAt(),
                order.dispatchedAt(),
                order.notifiedAt(),
                order.deliveredAt(),
                order.items().stream().map(Item::of).toList());
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String sku, String description, int quantity, BigDecimal weightKg) {

        static Item of(OrderLine line) {
            return new Item(line.sku(), line.description(), line.quantity(), line.weightKg());
        }
    }
}
