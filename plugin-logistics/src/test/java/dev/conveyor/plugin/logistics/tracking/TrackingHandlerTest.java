package dev.conveyor.plugin.logistics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.plugin.logistics.dispatch.DispatchPrepared;
import dev.conveyor.plugin.logistics.order.InMemoryOrders;
import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderRequests;
import dev.conveyor.plugin.logistics.order.OrderStatus;
import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class TrackingHandlerTest {

    private static final Instant NOW = Instant.parse("2030-01-01T10:00:00Z");
    private static final LocalDate PICKUP = LocalDate.of(2030, 1, 2);
    private static final LocalDate DELIVERY = LocalDate.of(2030, 1, 4);
    private static final DispatchPrepared DISPATCH = new DispatchPrepared("ORD-1", "US-EAST", ServiceLevel.EXPRESS, PICKUP,
            DELIVERY, new BigDecimal("3.25"), 1);

    private final InMemoryOrders orders = new InMemoryOrders();
    private final InMemoryShipments shipments = new InMemoryShipments();
    private final TestHandlerContext context = TestHandlerContext.forStage(LogisticsPlugin.TRACKING)
            .withRepository(Orders.class, orders).withRepository(Shipments.class, shipments).at(NOW).tenant("acme");
    private final TrackingHandler handler = new TrackingHandler();

    @Test
    void shipsADispatchedOrderUnderTheNextTrackingNumberAndAnnouncesItsLabel() {
        Order order = orders.save(dispatched());

        handler.handle(DISPATCH, context);

        Shipment shipment = shipments.findByOrderId("ORD-1").orElseThrow();
        assertThat(shipment.trackingNumber().value()).isEqualTo("CV100000003US");
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(shipment.hub()).isEqualTo("US-EAST");
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.trackingNumber()).isEqualTo("CV100000003US");
        assertThat(context.sent(LogisticsPlugin.TRACKING_QUEUE)).containsExactly(ShipmentStatusChanged.labelCreated("ORD-1",
                shipment.trackingNumber(), NOW, DELIVERY, "US-EAST"));
    }

    @Test
    void shipsAnOrderOnce() {
        orders.save(dispatched());

        handler.handle(DISPATCH, context);
        handler.handle(DISPATCH, context);

        assertThat(shipments.all()).hasSize(1);
        assertThat(context.sent(LogisticsPlugin.TRACKING_QUEUE)).hasSize(1);
    }

    @Test
    void deadLettersADispatchOfAnOrderThatWasNeverRecorded() {
        assertThatThrownBy(() -> handler.handle(DISPATCH, context))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("order 'ORD-1' of tenant 'acme' does not exist");
    }

    @Test
    void deadLettersADispatchOfARejectedOrder() {
        orders.save(Order.rejected("acme", OrderRequests.valid(), "no", NOW, NOW));

        assertThatThrownBy(() -> handler.handle(DISPATCH, context))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("is REJECTED without a shipment");
        assertThat(context.sent()).isEmpty();
    }

    private static Order dispatched() {
        return Order.dispatched("acme", OrderRequests.valid(), "US-EAST", PICKUP, DELIVERY, new BigDecimal("3.25"), 1, NOW, NOW);
    }
}
