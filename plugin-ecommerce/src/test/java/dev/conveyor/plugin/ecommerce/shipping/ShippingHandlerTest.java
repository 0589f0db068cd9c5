package dev.conveyor.plugin.ecommerce.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conveyor.plugin.ecommerce.EcommercePlugin;
import dev.conveyor.plugin.ecommerce.fakes.Shop;
import dev.conveyor.plugin.ecommerce.fulfillment.FulfillmentReserved;
import dev.conveyor.plugin.ecommerce.fulfillment.ReservedItem;
import dev.conveyor.plugin.ecommerce.inventory.Allocation;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.StockCount;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequests;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.settings.BackorderPolicy;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ShippingHandlerTest {

    private static final Instant RESERVED = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
    // The tenant prefers west: its parcel is made first.
    private static final EcommerceSettings SETTINGS = new EcommerceSettings(List.of("west", "east"), "Speedy",
            URI.create("https://speedy.example/t?n="), BackorderPolicy.REJECT);
    private static final FulfillmentReserved RESERVED_MESSAGE = new FulfillmentReserved("ORD-1",
            List.of(new ReservedItem("east", "SKU-1", 2), new ReservedItem("west", "SKU-2", 1)), ShippingSpeed.EXPRESS);

    private final Shop shop = new Shop();

    private void reserve() {
        shop.orders.save(Order.reserved("acme", OrderRequests.valid(), LocalDate.of(2026, 12, 1), RESERVED, RESERVED));
        shop.reservations.save(new Reservation("ORD-1", new Allocation("east", "SKU-1", 2), RESERVED));
        shop.reservations.save(new Reservation("ORD-1", new Allocation("west", "SKU-2", 1), RESERVED));
        shop.stock.with("east", "SKU-1", 5, 2).with("west", "SKU-2", 1, 1);
    }

    private TestHandlerContext handle() {
        TestHandlerContext context = shop.handling(EcommercePlugin.SHIPPING, NOW);
        new ShippingHandler(SETTINGS).handle(RESERVED_MESSAGE, context);
        return context;
    }

    @Test
    void shipsOneParcelPerWarehouseInTheTenantsOrderOfPreference() {
        reserve();

        TestHandlerContext context = handle();

        assertThat(shop.shipments.all()).extracting(Shipment::trackingNumber, Shipment::warehouse, Shipment::carrier,
                Shipment::trackingUrl).containsExactly(
                tuple("EC123456785US", "west", "Speedy", "https://speedy.example/t?n=EC123456785US"),
                tuple("EC123456799US", "east", "Speedy", "https://speedy.example/t?n=EC123456799US"));
        assertThat(shop.reservations.all()).extracting(Reservation::sku, Reservation::trackingNumber)
                .containsExactly(tuple("SKU-1", "EC123456799US"), tuple("SKU-2", "EC123456785US"));
        assertThat(shop.stock.all()).containsExactly(new StockCount("east", "SKU-1", 3, 0), new StockCount("west", "SKU-2", 0, 0));
        Order order = shop.orders.findByOrderId("ORD-1").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.estimatedDelivery()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(shop.shipmentEvents.findByShipmentOrderByOccurredAtAscIdAsc(shop.shipments.all().getFirst()))
                .extracting(ShipmentEvent::status).containsExactly(ShipmentStatus.LABEL_CREATED);
        assertThat(context.sent(EcommercePlugin.TRACKING)).containsExactly(
                new OrderUpdate("ORD-1", UpdateKind.SHIPPED, "EC123456785US", NOW, LocalDate.of(2026, 12, 1), "west", "Speedy", null),
                new OrderUpdate("ORD-1", UpdateKind.SHIPPED, "EC123456799US", NOW, LocalDate.of(2026, 12, 1), "east", "Speedy", null));
    }

    @Test
    void shipsAnOrderOnce() {
        reserve();
        handle();

        assertThat(handle().sent()).isEmpty();
        assertThat(shop.shipments.all()).hasSize(2);
    }

    @Test
    void refusesToShipAnOrderItDoesNotKnowOrStockThatWasChangedUnderIt() {
        assertThatThrownBy(this::handle).isInstanceOf(PermanentFailure.class)
                .hasMessageStartingWith("order 'ORD-1' of tenant 'acme' does not exist");

        reserve();
        shop.stock.with("east", "SKU-1", 1, 1);

        assertThatThrownBy(this::handle).isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("holds fewer than the 2 units of SKU-1 that order 'ORD-1' reserved");
    }
}
