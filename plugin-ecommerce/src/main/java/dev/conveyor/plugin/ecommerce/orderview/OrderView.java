package dev.conveyor.plugin.ecommerce.orderview;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.Reservations;
import dev.conveyor.plugin.ecommerce.notification.Notifications;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderItem;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.Orders;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus;
import dev.conveyor.plugin.ecommerce.shipping.Shipments;
import dev.conveyor.sdk.RequestContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where an order stands and whether it has reached a final state (DELIVERED or REJECTED; a backorder waits). The
 * customer's personal data stays out of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        String orderId,
        OrderStatus status,
        // "final" is a Java keyword, so the component needs another name than the JSON property.
        @JsonProperty("final") boolean isFinal,
        String reason,
        ShippingSpeed speed,
        LocalDate estimatedDelivery,
        Instant receivedAt,
        Instant shippedAt,
        Instant deliveredAt,
        List<Line> lines,
        List<Parcel> shipments,
        long notifications) {

    public OrderView {
        requireNonNull(orderId, "orderId is null");
        requireNonNull(status, "status is null");
        lines = List.copyOf(requireNonNull(lines, "lines is null"));
        shipments = List.copyOf(requireNonNull(shipments, "shipments is null"));
    }

    /** The finder of the {@code orders} view, keyed by orderId. */
    public static Optional<OrderView> find(String orderId, RequestContext context) {
        return context.repository(Orders.class).findByOrderId(orderId).map(order -> of(order,
                context.repository(Reservations.class).findByOrderIdOrderById(orderId),
                context.repository(Shipments.class).findByOrderIdOrderById(orderId),
                context.repository(Notifications.class).countByOrderId(orderId)));
    }

    public static OrderView of(Order order, List<Reservation> reservations, List<Shipment> shipments, long notifications) {
        Map<String, Reservation> reservationOfSku = reservations.stream()
                .collect(Collectors.toMap(Reservation::sku, Function.identity(), (first, second) -> first));
        return new OrderView(
                order.orderId(),
                order.status(),
                order.status().isFinal(),
                order.reason(),
                order.speed(),
                order.estimatedDelivery(),
                order.receivedAt(),
                order.shippedAt(),
                order.deliveredAt(),
                order.lines().stream().map(line -> Line.of(line, reservationOfSku.get(line.sku()))).toList(),
                shipments.stream().map(Parcel::of).toList(),
                notifications);
    }

    /** A line, with the warehouse holding it once reserved and the parcel it left in once shipped. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String sku, int quantity, String warehouse, String trackingNumber) {

        static Line of(OrderItem line, Reservation reservation) {
            return new Line(line.sku(), line.quantity(), reservation == null ? null : reservation.warehouse(),
                    reservation == null ? null : reservation.trackingNumber());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parcel(String trackingNumber, String warehouse, ShipmentStatus status, LocalDate estimatedDelivery,
            Instant deliveredAt, String trackingUrl) {

        static Parcel of(Shipment shipment) {
            return new Parcel(shipment.trackingNumber(), shipment.warehouse(), shipment.status(), shipment.estimatedDelivery(),
                    shipment.deliveredAt(), shipment.trackingUrl());
        }
    }
}
