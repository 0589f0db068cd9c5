package dev.conveyor.plugin.ecommerce.fulfillment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.ecommerce.EcommercePlugin;
import dev.conveyor.plugin.ecommerce.fakes.Shop;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.StockCount;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderLine;
import dev.conveyor.plugin.ecommerce.order.OrderRequests;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.settings.BackorderPolicy;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FulfillmentHandlerTest {

    // A Friday: an EXPRESS parcel (2 business days) arrives on Tuesday.
    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

    private final Shop shop = new Shop();

    private static EcommerceSettings settings(BackorderPolicy policy) {
        return new EcommerceSettings(List.of("east", "west"), "Conveyor Parcel", URI.create("https://track.example.com/"), policy);
    }

    private TestHandlerContext handle(BackorderPolicy policy, List<OrderLine> lines) {
        TestHandlerContext context = shop.handling(EcommercePlugin.FULFILLMENT, NOW);
        new FulfillmentHandler(settings(policy)).handle(OrderRequests.order(lines), context);
        return context;
    }

    @Test
    void reservesTheOrderInThePreferredWarehouseThatHoldsItAllAndConfirmsIt() {
        shop.stock.with("east", "SKU-1", 5, 0).with("west", "SKU-1", 5, 0).with("west", "SKU-2", 5, 0);

        TestHandlerContext context = handle(BackorderPolicy.REJECT, List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1)));

        Order order = shop.orders.findByOrderId("ORD-1").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.RESERVED);
        assertThat(order.tenantId()).isEqualTo("acme");
        assertThat(order.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(shop.reservations.all()).extracting(Reservation::warehouse, Reservation::sku, Reservation::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("west", "SKU-1", 2), org.assertj.core.groups.Tuple.tuple("west", "SKU-2", 1));
        assertThat(shop.stock.all()).containsExactly(new StockCount("east", "SKU-1", 5, 0), new StockCount("west", "SKU-1", 5, 2),
                new StockCount("west", "SKU-2", 5, 1));
        assertThat(context.sent(EcommercePlugin.FULFILLMENTS)).containsExactly(new FulfillmentReserved("ORD-1",
                List.of(new ReservedItem("west", "SKU-1", 2), new ReservedItem("west", "SKU-2", 1)), ShippingSpeed.EXPRESS));
        assertThat(context.sent(EcommercePlugin.TRACKING)).containsExactly(
                new OrderUpdate("ORD-1", UpdateKind.CONFIRMED, null, NOW, LocalDate.of(2026, 12, 1), null, null, null));
    }

    @Test
    void rejectsAnOrderStockCannotFillAndTellsTheCustomerWhy() {
        shop.stock.with("east", "SKU-1", 5, 0);

        TestHandlerContext context = handle(BackorderPolicy.REJECT, List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1)));

        Order order = shop.orders.findByOrderId("ORD-1").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(order.reason()).isEqualTo("not enough stock of SKU-2 (1 ordered)");
        assertThat(order.lines()).hasSize(2);
        assertThat(shop.stock.all()).containsExactly(new StockCount("east", "SKU-1", 5, 0));
        assertThat(context.sent(EcommercePlugin.FULFILLMENTS)).isEmpty();
        assertThat(context.sent(EcommercePlugin.TRACKING)).extracting(OrderUpdate::kind, OrderUpdate::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(UpdateKind.REJECTED, "not enough stock of SKU-2 (1 ordered)"));
    }

    @Test
    void backordersAnOrderStockCannotFillWhenTheTenantSaysSo() {
        TestHandlerContext context = handle(BackorderPolicy.BACKORDER, List.of(new OrderLine("SKU-1", 1)));

        assertThat(shop.orders.findByOrderId("ORD-1").orElseThrow().status()).isEqualTo(OrderStatus.BACKORDERED);
        assertThat(context.sent(EcommercePlugin.TRACKING)).extracting(OrderUpdate::kind).containsExactly(UpdateKind.BACKORDERED);
    }

    @Test
    void recordsAnOrderSentTwiceUnderAnotherMessageIdOnce() {
        shop.stock.with("east", "SKU-1", 5, 0);
        handle(BackorderPolicy.REJECT, List.of(new OrderLine("SKU-1", 2)));

        TestHandlerContext again = handle(BackorderPolicy.REJECT, List.of(new OrderLine("SKU-1", 2)));

        assertThat(again.sent()).isEmpty();
        assertThat(shop.orders.all()).hasSize(1);
        assertThat(shop.stock.all()).containsExactly(new StockCount("east", "SKU-1", 5, 2));
    }
}
