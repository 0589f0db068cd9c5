package dev.conveyor.plugin.ecommerce.orderview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.ecommerce.inventory.Allocation;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequests;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OrderViewTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant SHIPPED = Instant.parse("2026-11-27T09:00:00Z");
    private static final LocalDate ESTIMATE = LocalDate.of(2026, 12, 1);

    @Test
    void showsWhereEachLineIsReservedAndShippedFrom() {
        Order order = Order.reserved("acme", OrderRequests.valid(), ESTIMATE, RECEIVED, RECEIVED);
        Reservation east = new Reservation("ORD-1", new Allocation("east", "SKU-1", 2), RECEIVED);
        Reservation west = new Reservation("ORD-1", new Allocation("west", "SKU-2", 1), RECEIVED);
        String parcel = Shipment.trackingNumber(12_345_678);
        east.ship(parcel, SHIPPED);
        Shipment shipment = Shipment.labelCreated(parcel, "ORD-1", "east", ShippingSpeed.EXPRESS, "Conveyor Parcel",
                "https://track.example.com/" + parcel, ESTIMATE, SHIPPED);

        OrderView view = OrderView.of(order, List.of(east, west), List.of(shipment), 2);

        assertThat(view.status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(view.isFinal()).isFalse();
        assertThat(view.lines()).containsExactly(
                new OrderView.Line("SKU-1", 2, "east", "EC123456785US"),
                new OrderView.Line("SKU-2", 1, "west", null));
        assertThat(view.shipments()).containsExactly(new OrderView.Parcel("EC123456785US", "east", ShipmentStatus.LABEL_CREATED,
                ESTIMATE, null, "https://track.example.com/EC123456785US"));
        assertThat(view.notifications()).isEqualTo(2);
    }

    @Test
    void showsTheReasonOfARejectedOrderAsFinal() {
        Order order = Order.rejected("acme", OrderRequests.valid(), "not enough stock of SKU-2 (1 ordered)", RECEIVED, RECEIVED);

        OrderView view = OrderView.of(order, List.of(), List.of(), 0);

        assertThat(view.isFinal()).isTrue();
        assertThat(view.reason()).isEqualTo("not enough stock of SKU-2 (1 ordered)");
        assertThat(view.lines()).extracting(OrderView.Line::warehouse).containsOnlyNulls();
    }

    @Test
    void keepsABackorderWaiting() {
        Order order = Order.backordered("acme", OrderRequests.valid(), "not enough stock of SKU-2 (1 ordered)", RECEIVED, RECEIVED);

        assertThat(OrderView.of(order, List.of(), List.of(), 0).isFinal()).isFalse();
    }
}
