package dev.conveyor.plugin.logistics;

import dev.conveyor.plugin.logistics.dispatch.DispatchHandler;
import dev.conveyor.plugin.logistics.dispatch.DispatchPrepared;
import dev.conveyor.plugin.logistics.notification.Notification;
import dev.conveyor.plugin.logistics.notification.NotifyHandler;
import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderLine;
import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.plugin.logistics.order.OrderRequestValidator;
import dev.conveyor.plugin.logistics.order.OrderView;
import dev.conveyor.plugin.logistics.tracking.Shipment;
import dev.conveyor.plugin.logistics.tracking.ShipmentEvent;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusChanged;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusValidator;
import dev.conveyor.plugin.logistics.tracking.ShipmentView;
import dev.conveyor.plugin.logistics.tracking.TrackingHandler;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Acme Logistics: {@code OrderQueue → dispatch → DispatchQueue → tracking → TrackingQueue → notify}. Clients post
 * orders to {@code orders}; carriers post their scans to {@code tracking-events}, straight onto the tracking queue.
 * The one place that names the queues and stages; each handler is told the queue it emits to.
 */
public final class LogisticsPlugin implements DomainPlugin {

    public static final String ID = "logistics";

    public static final String ORDER_QUEUE = "OrderQueue";
    public static final String DISPATCH_QUEUE = "DispatchQueue";
    public static final String TRACKING_QUEUE = "TrackingQueue";

    public static final String DISPATCH_STAGE = "dispatch";
    public static final String TRACKING_STAGE = "tracking";
    public static final String NOTIFY_STAGE = "notify";

    public static final MessageType<OrderRequest> ORDER =
            MessageType.of("logistics.order.v1", OrderRequest.class, new OrderRequestValidator());
    public static final MessageType<DispatchPrepared> DISPATCH =
            MessageType.of("logistics.dispatch.v1", DispatchPrepared.class);
    public static final MessageType<ShipmentStatusChanged> SHIPMENT_STATUS = MessageType.of("logistics.shipment-status.v1",
            ShipmentStatusChanged.class, new ShipmentStatusValidator(Clock.systemUTC()));

    private final Topology topology = Topology.builder()
            .queue(ORDER_QUEUE, ORDER)
            .queue(DISPATCH_QUEUE, DISPATCH)
            .queue(TRACKING_QUEUE, SHIPMENT_STATUS)
            .stage(StageDefinition.of(DISPATCH_STAGE, ORDER_QUEUE, DISPATCH_QUEUE))
            .stage(StageDefinition.of(TRACKING_STAGE, DISPATCH_QUEUE, TRACKING_QUEUE))
            .stage(StageDefinition.of(NOTIFY_STAGE, TRACKING_QUEUE))
            .build();

    private final Map<String, Handler<?>> handlers = Map.of(
            DISPATCH_STAGE, new DispatchHandler(DISPATCH_QUEUE),
            TRACKING_STAGE, new TrackingHandler(TRACKING_QUEUE),
            NOTIFY_STAGE, new NotifyHandler());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Logistics (Acme Logistics)";
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
        return List.of(Order.class, OrderLine.class, Shipment.class, ShipmentEvent.class, Notification.class);
    }

    @Override
    public Optional<String> migrationsLocation() {
        return Optional.of("classpath:db/logistics");
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
                new View("shipments", "trackingNumber", ShipmentView::find));
    }
}
