package dev.conveyor.plugin.ecommerce;

import dev.conveyor.plugin.ecommerce.fulfillment.FulfillmentHandler;
import dev.conveyor.plugin.ecommerce.fulfillment.FulfillmentReserved;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.StockLoader;
import dev.conveyor.plugin.ecommerce.inventory.StockView;
import dev.conveyor.plugin.ecommerce.label.LabelView;
import dev.conveyor.plugin.ecommerce.notification.Notification;
import dev.conveyor.plugin.ecommerce.notification.NotifyHandler;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequest;
import dev.conveyor.plugin.ecommerce.order.OrderRequestValidator;
import dev.conveyor.plugin.ecommerce.orderview.OrderView;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvent;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentView;
import dev.conveyor.plugin.ecommerce.shipping.ShippingHandler;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdateValidator;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.ConfigProperty;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * E-Commerce Express: {@code OrderQueue → fulfillment → FulfillmentQueue → shipping → TrackingQueue → notify}, with
 * carriers' scans entering the tracking queue from outside. The one place that names the queues and stages; each
 * handler is told the queues it emits to.
 */
public final class EcommercePlugin implements DomainPlugin {

    public static final String ID = "ecommerce";

    public static final String ORDER_QUEUE = "OrderQueue";
    public static final String FULFILLMENT_QUEUE = "FulfillmentQueue";
    public static final String TRACKING_QUEUE = "TrackingQueue";

    public static final String FULFILLMENT_STAGE = "fulfillment";
    public static final String SHIPPING_STAGE = "shipping";
    public static final String NOTIFY_STAGE = "notify";

    public static final MessageType<OrderRequest> ORDER =
            MessageType.of("ecommerce.order.v1", OrderRequest.class, new OrderRequestValidator());
    public static final MessageType<FulfillmentReserved> FULFILLMENT =
            MessageType.of("ecommerce.fulfillment.v1", FulfillmentReserved.class);
    public static final MessageType<OrderUpdate> ORDER_UPDATE =
            MessageType.of("ecommerce.order-update.v1", OrderUpdate.class, new OrderUpdateValidator());

    private final Topology topology = Topology.builder()
            .queue(ORDER_QUEUE, ORDER)
            .queue(FULFILLMENT_QUEUE, FULFILLMENT)
            .queue(TRACKING_QUEUE, ORDER_UPDATE)
            .stage(StageDefinition.of(FULFILLMENT_STAGE, ORDER_QUEUE, FULFILLMENT_QUEUE, TRACKING_QUEUE))
            .stage(StageDefinition.of(SHIPPING_STAGE, FULFILLMENT_QUEUE, TRACKING_QUEUE))
            .stage(StageDefinition.of(NOTIFY_STAGE, TRACKING_QUEUE))
            .build();

    private final Map<String, Handler<?>> handlers = Map.of(
            FULFILLMENT_STAGE, new FulfillmentHandler(FULFILLMENT_QUEUE, TRACKING_QUEUE),
            SHIPPING_STAGE, new ShippingHandler(TRACKING_QUEUE),
            NOTIFY_STAGE, new NotifyHandler());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "E-commerce (E-Commerce Express)";
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public Map<String, Handler<?>> handlers() {
        return handlers;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(Order.class, Reservation.class, Shipment.class, ShipmentEvent.class, Notification.class);
    }

    @Override
    public Optional<String> migrationsLocation() {
        return Optional.of("classpath:db/ecommerce");
    }

    @Override
    public List<IngestRoute> ingestRoutes() {
        return List.of(
                new IngestRoute("orders", ORDER_QUEUE),
                // Carrier scans come from the carrier integration, not the shop frontend that sends orders.
                new IngestRoute("tracking-events", TRACKING_QUEUE, RouteAccess.OPERATIONS));
    }

    @Override
    public List<View> views() {
        return List.of(
                new View("orders", "orderId", OrderView::find),
                new View("shipments", "trackingNumber", ShipmentView::find),
                new View("labels", "trackingNumber", LabelView::find),
                new View("stock", "sku", StockView::find));
    }

    @Override
    public List<Action> actions() {
        return List.of(new Action("stock", StockLoader::load));
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return EcommerceSettings.PROPERTIES;
    }

    @Override
    public List<Violation> validateConfiguration(TenantConfig config) {
        return EcommerceSettings.validate(config);
    }
}
