package dev.conveyor.plugin.logistics.dispatch;

import static dev.conveyor.plugin.logistics.order.OrderRequests.address;
import static dev.conveyor.plugin.logistics.order.OrderRequests.item;
import static dev.conveyor.plugin.logistics.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.plugin.logistics.order.InMemoryOrders;
import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderRequests;
import dev.conveyor.plugin.logistics.order.OrderStatus;
import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class DispatchHandlerTest {

    // A Tuesday: pickup on Wednesday, EXPRESS within the US two business days later.
    private static final Instant TUESDAY_MORNING = Instant.parse("2030-01-01T09:00:00Z");
    private static final Instant RECEIVED = TUESDAY_MORNING.minusSeconds(5);

    private final InMemoryOrders orders = new InMemoryOrders();
    private final TestHandlerContext context = TestHandlerContext.forStage(LogisticsPlugin.DISPATCH)
            .withRepository(Orders.class, orders).at(TUESDAY_MORNING).messageTime(RECEIVED).tenant("acme");
    private final DispatchHandler handler = new DispatchHandler();

    @Test
    void dispatchesAWellFormedOrderToItsHubAndAnnouncesIt() {
        handler.handle(OrderRequests.valid(), context);

        Order order = orders.findByOrderId("ORD-1").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.DISPATCHED);
        assertThat(order.tenantId()).isEqualTo("acme");
        assertThat(order.hub()).isEqualTo("US-EAST");
        assertThat(order.receivedAt()).isEqualTo(RECEIVED);
        assertThat(order.dispatchedAt()).isEqualTo(TUESDAY_MORNING);
        assertThat(order.items()).hasSize(2);
        assertThat(context.sent(LogisticsPlugin.DISPATCH_QUEUE)).containsExactly(new DispatchPrepared("ORD-1", "US-EAST",
                ServiceLevel.EXPRESS, LocalDate.of(2030, 1, 2), LocalDate.of(2030, 1, 4), new BigDecimal("3.25"), 1));
        assertThat(context.published(OrderEvents.DISPATCHED)).containsExactly(new OrderEvents.OrderDispatched("ORD-1",
                "US-EAST", LocalDate.of(2030, 1, 2), LocalDate.of(2030, 1, 4)));
    }

    @Test
    void recordsAnOrderABusinessRuleTurnsDownAsRejectedAndAnnouncesNothing() {
        handler.handle(order(address("BR", "01000-000"), ServiceLevel.STANDARD, List.of(item("SKU-1", 1, "1"))), context);

        Order order = orders.findByOrderId("ORD-1").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.rejectionReason()).contains("does not deliver to BR");
        assertThat(order.items()).hasSize(1);
        assertThat(context.sent()).isEmpty();
        assertThat(context.published(OrderEvents.REJECTED)).singleElement()
                .satisfies(rejected -> assertThat(rejected.reason()).contains("does not deliver to BR"));
    }

    @Test
    void ignoresAnOrderItHasRecordedUnderAnotherMessage() {
        handler.handle(OrderRequests.valid(), context);
        handler.handle(OrderRequests.valid(), context.delivery("another-message", 1));

        assertThat(orders.all()).hasSize(1);
        assertThat(context.sent(LogisticsPlugin.DISPATCH_QUEUE)).hasSize(1);
    }
}
