package dev.conveyor.plugin.ecommerce.fakes;

import dev.conveyor.plugin.ecommerce.inventory.Reservations;
import dev.conveyor.plugin.ecommerce.inventory.Stock;
import dev.conveyor.plugin.ecommerce.notification.Notifications;
import dev.conveyor.plugin.ecommerce.order.Orders;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvents;
import dev.conveyor.plugin.ecommerce.shipping.Shipments;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.Stage;
import dev.conveyor.testkit.unit.TestHandlerContext;
import dev.conveyor.testkit.unit.TestRequestContext;
import java.time.Instant;
import java.util.Map;

/**
 * One tenant's shop in memory: every repository of the plugin, shared by the contexts it hands out, so that a test
 * runs handlers and views one after another over the same data.
 */
public final class Shop {

    public static final String TENANT = "acme";

    public final InMemoryOrders orders = new InMemoryOrders();
    public final InMemoryReservations reservations = new InMemoryReservations();
    public final InMemoryStock stock;
    public final InMemoryShipments shipments = new InMemoryShipments();
    public final InMemoryShipmentEvents shipmentEvents = new InMemoryShipmentEvents();
    public final InMemoryNotifications notifications = new InMemoryNotifications();

    private final Map<Class<?>, Object> repositories;

    public Shop() {
        this(new InMemoryStock(TENANT));
    }

    /** A shop whose stock behaves as {@code stock} does, such as one that loses a race. */
    public Shop(InMemoryStock stock) {
        this.stock = stock;
        this.repositories = Map.of(Orders.class, orders, Reservations.class, reservations, Stock.class, stock,
                Shipments.class, shipments, ShipmentEvents.class, shipmentEvents, Notifications.class, notifications);
    }

    /** A context for one message of {@code stage}, at {@code now}. */
    public TestHandlerContext handling(Stage<?> stage, Instant now) {
        TestHandlerContext context = TestHandlerContext.forStage(stage).tenant(TENANT).at(now).messageTime(now);
        repositories.forEach((type, repository) -> give(context, type, repository));
        return context;
    }

    private static <R> void give(TestHandlerContext context, Class<R> type, Object repository) {
        context.withRepository(type, type.cast(repository));
    }

    /** A context for a view or an action of a tenant with {@code settings} (null: one that reads none). */
    public RequestContext requesting(EcommerceSettings settings, Instant now) {
        TestRequestContext context = (settings == null ? TestRequestContext.withoutSettings()
                : TestRequestContext.withSettings(settings)).tenant(TENANT).at(now);
        repositories.forEach((type, repository) -> give(context, type, repository));
        return context;
    }

    private static <R> void give(TestRequestContext context, Class<R> type, Object repository) {
        context.withRepository(type, type.cast(repository));
    }
}
