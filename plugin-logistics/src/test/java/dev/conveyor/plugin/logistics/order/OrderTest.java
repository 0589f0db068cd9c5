package dev.conveyor.plugin.logistics.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class OrderTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-27T14:00:00Z");
    private static final Instant SHIPPED = Instant.parse("2026-11-27T15:00:00Z");
    private static final Instant NOTIFIED = Instant.parse("2026-11-27T15:01:00Z");
    private static final Instant DELIVERED = Instant.parse("2026-11-30T10:00:00Z");
    private static final Instant LEARNED = Instant.parse("2026-11-30T10:05:00Z");
    private static final LocalDate PLANNED = LocalDate.of(2026, 12, 1);

    @Test
    void isNotifiedOnceByTheFirstNotification() {
        Order order = shipped();

        order.markNotified(NOTIFIED);
        order.markNotified(LEARNED);

        assertThat(order.status()).isEqualTo(OrderStatus.NOTIFIED);
        assertThat(order.notifiedAt()).isEqualTo(NOTIFIED);
    }

    @Test
    void isDeliveredWhenTheCarrierScannedTheDelivery() {
        Order order = shipped();
        order.markNotified(NOTIFIED);

        order.markDelivered(DELIVERED, LEARNED);

        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.status().isFinal()).isTrue();
        assertThat(order.deliveredAt()).isEqualTo(DELIVERED);
        assertThat(order.updatedAt()).isEqualTo(LEARNED);
    }

    @Test
    void keepsTheFirstDeliveryAndStaysDeliveredWhenNotifiedAfterwards() {
        Order order = shipped();
        order.markDelivered(DELIVERED, LEARNED);

        order.markDelivered(DELIVERED.plusSeconds(3600), LEARNED.plusSeconds(3600));
        order.markNotified(LEARNED);

        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.deliveredAt()).isEqualTo(DELIVERED);
        assertThat(order.notifiedAt()).isEqualTo(LEARNED);
    }

    @Test
    void cannotDeliverAnOrderThatNeverShipped() {
        Order order = dispatched();

        assertThatThrownBy(() -> order.markDelivered(DELIVERED, LEARNED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("order 'ORD-1' is DISPATCHED, so it cannot be delivered; only a SHIPPED or NOTIFIED order can");
    }

    @Test
    void takesTheCarriersEstimatedDelivery() {
        Order order = shipped();

        order.reschedule(PLANNED.plusDays(2), LEARNED);

        assertThat(order.estimatedDelivery()).isEqualTo(PLANNED.plusDays(2));
        assertThat(order.updatedAt()).isEqualTo(LEARNED);
    }

    @Test
    void keepsNotifiedAndDeliveredFinal() {
        assertThat(OrderStatus.NOTIFIED.isFinal()).isTrue();
        assertThat(OrderStatus.DELIVERED.isFinal()).isTrue();
        assertThat(OrderStatus.REJECTED.isFinal()).isTrue();
        assertThat(OrderStatus.SHIPPED.isFinal()).isFalse();
        assertThat(OrderStatus.DISPATCHED.isFinal()).isFalse();
    }

    private static Order dispatched() {
        return Order.dispatched("acme", OrderRequests.valid(), "US-EAST", LocalDate.of(2026, 11, 30), PLANNED, new BigDecimal("3.25"),
                1, RECEIVED, RECEIVED);
    }

    private static Order shipped() {
        Order order = dispatched();
        order.ship("CV100000003US", SHIPPED);
        return order;
    }
}
