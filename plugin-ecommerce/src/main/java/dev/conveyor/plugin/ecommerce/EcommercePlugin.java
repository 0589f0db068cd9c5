package dev.conveyor.plugin.ecommerce;

import dev.conveyor.plugin.ecommerce.fulfillment.FulfillmentHandler;
import dev.conveyor.plugin.ecommerce.fulfillment.FulfillmentReserved;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.StockItem;
import dev.conveyor.plugin.ecommerce.inventory.StockLoader;
import dev.conveyor.plugin.ecommerce.inventory.StockRow;
import dev.conveyor.plugin.ecommerce.inventory.StockView;
import dev.conveyor.plugin.ecommerce.label.LabelView;
import dev.conveyor.plugin.ecommerce.notification.Notification;
import dev.conveyor.plugin.ecommerce.notification.NotifyHandler;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequest;
import dev.conveyor.plugin.ecommerce.orderview.OrderView;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvent;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentView;
import dev.conveyor.plugin.ecommerce.shipping.ShippingHandler;
import dev.conveyor.plugin.ecommerce.tracking.OrderEvents;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.Action.InputFormat;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.Persistence;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import java.util.List;
import java.util.Set;

/**
 * E-Commerce Express: {@code OrderQueue → fulfillment → FulfillmentQueue → shipping → TrackingQueue → notify}, with
 * carriers' scans entering the tracking queue from outside.
 */
public final class EcommercePlugin implements DomainPlugin<EcommerceSettings> {

    public static final Queue<OrderRequest> ORDERS = Queue.of("OrderQueue", "ecommerce.order.v1", OrderRequest.class);
    public static final Queue<FulfillmentReserved> FULFILLMENTS =
            Queue.of("FulfillmentQueue", "ecommerce.fulfillment.v1", FulfillmentReserved.class);
    public static final Queue<OrderUpdate> TRACKING = Queue.of("TrackingQueue", "ecommerce.order-update.v1", OrderUpdate.class);

    public static final Stage<OrderRequest> FULFILLMENT = Stage.of("fulfillment", ORDERS, FULFILLMENTS, TRACKING);
    public static final Stage<FulfillmentReserved> SHIPPING = Stage.of("shipping", FULFILLMENTS, TRACKING);
    public static final Stage<OrderUpdate> NOTIFY = Stage.of("notify", TRACKING);

    private static final Topology TOPOLOGY = Topology.of(FULFILLMENT, SHIPPING, NOTIFY);

    @Override
    public String id() {
        return "ecommerce";
    }

    @Override
    public String displayName() {
        return "E-commerce (E-Commerce Express)";
    }

    @Override
    public Topology topology() {
        return TOPOLOGY;
    }

    @Override
    public Class<EcommerceSettings> settingsType() {
        return EcommerceSettings.class;
    }

    @Override
    public List<Violation> validateSettings(EcommerceSettings settings) {
        return settings.violations();
    }

    @Override
    public Handlers handlers(EcommerceSettings settings) {
        return Handlers.builder()
                .on(FULFILLMENT, new FulfillmentHandler(settings))
                .on(SHIPPING, new ShippingHandler(settings))
                .on(NOTIFY, new NotifyHandler())
                .build();
    }

    @Override
    public List<EventType<?>> eventTypes() {
        return List.of(OrderEvents.UPDATED);
    }

    @Override
    public Persistence persistence() {
        return Persistence.of("classpath:db/ecommerce",
                Order.class, Reservation.class, StockItem.class, Shipment.class, ShipmentEvent.class, Notification.class);
    }

    @Override
    public List<IngestRoute<?>> ingestRoutes() {
        // Carrier scans come from the carrier integration, not the shop frontend that sends orders.
        return List.of(IngestRoute.of("orders", ORDERS), IngestRoute.forOperations("tracking-events", TRACKING));
    }

    @Override
    public List<View<?>> views() {
        return List.of(
                View.of("orders", "orderId", OrderView.class, OrderView::find),
                View.of("shipments", "trackingNumber", ShipmentView.class, ShipmentView::find),
                View.of("labels", "trackingNumber", BinaryContent.Deferred.class, LabelView::find),
                View.of("stock", "sku", StockView.class, StockView::find));
    }

    @Override
    public List<Action<?>> actions() {
        return List.of(Action.of("stock", StockRow.class, Set.of(InputFormat.CSV, InputFormat.JSON), StockLoader.MAX_ROWS,
                StockLoader::load));
    }
}
