package dev.conveyor.plugin.logistics;

import dev.conveyor.plugin.logistics.dispatch.DispatchHandler;
import dev.conveyor.plugin.logistics.dispatch.DispatchPrepared;
import dev.conveyor.plugin.logistics.dispatch.OrderEvents;
import dev.conveyor.plugin.logistics.notification.Notification;
import dev.conveyor.plugin.logistics.notification.NotifyHandler;
import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderLine;
import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.plugin.logistics.order.OrderView;
import dev.conveyor.plugin.logistics.tracking.Shipment;
import dev.conveyor.plugin.logistics.tracking.ShipmentEvent;
import dev.conveyor.plugin.logistics.tracking.ShipmentEvents;
import dev.conveyor.plugin.logistics.tracking.ShipmentLookup;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusChanged;
import dev.conveyor.plugin.logistics.tracking.ShipmentView;
import dev.conveyor.plugin.logistics.tracking.TrackingHandler;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.NoSettings;
import dev.conveyor.sdk.Persistence;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.TrackingLookup;
import dev.conveyor.sdk.View;
import java.util.List;
import java.util.Optional;

/**
 * Acme Logistics: {@code OrderQueue → dispatch → DispatchQueue → tracking → TrackingQueue → notify}. Clients post
 * orders to {@code orders}; carriers post their scans to {@code tracking-events}, straight onto the tracking queue.
 */
public final class LogisticsPlugin implements DomainPlugin<NoSettings> {

    public static final Queue<OrderRequest> ORDER_QUEUE = Queue.of("OrderQueue", "logistics.order.v1", OrderRequest.class);
    public static final Queue<DispatchPrepared> DISPATCH_QUEUE =
            Queue.of("DispatchQueue", "logistics.dispatch.v1", DispatchPrepared.class);
    public static final Queue<ShipmentStatusChanged> TRACKING_QUEUE =
            Queue.of("TrackingQueue", "logistics.shipment-status.v1", ShipmentStatusChanged.class);

    public static final Stage<OrderRequest> DISPATCH = Stage.of("dispatch", ORDER_QUEUE, DISPATCH_QUEUE);
    public static final Stage<DispatchPrepared> TRACKING = Stage.of("tracking", DISPATCH_QUEUE, TRACKING_QUEUE);
    public static final Stage<ShipmentStatusChanged> NOTIFY = Stage.of("notify", TRACKING_QUEUE);

    private static final Topology TOPOLOGY = Topology.of(DISPATCH, TRACKING, NOTIFY);

    @Override
    public String id() {
        return "logistics";
    }

    @Override
    public String displayName() {
        return "Logistics (Acme Logistics)";
    }

    @Override
    public Topology topology() {
        return TOPOLOGY;
    }

    @Override
    public Handlers handlers(NoSettings settings) {
        return Handlers.builder()
                .on(DISPATCH, new DispatchHandler())
                .on(TRACKING, new TrackingHandler())
                .on(NOTIFY, new NotifyHandler())
                .build();
    }

    @Override
    public List<EventType<?>> eventTypes() {
        return List.of(OrderEvents.DISPATCHED, OrderEvents.REJECTED, ShipmentEvents.STATUS_CHANGED);
    }

    @Override
    public Persistence persistence() {
        return Persistence.of("classpath:db/logistics",
                Order.class, OrderLine.class, Shipment.class, ShipmentEvent.class, Notification.class);
    }

    @Override
    public List<IngestRoute<?>> ingestRoutes() {
        // Carrier scans come from the carrier integration, not the shop frontend that sends orders.
        return List.of(IngestRoute.of("orders", ORDER_QUEUE), IngestRoute.forOperations("tracking-events", TRACKING_QUEUE));
    }

    @Override
    public List<View<?>> views() {
        return List.of(
                View.of("orders", "orderId", OrderView.class, OrderView::find),
                View.of("shipments", "trackingNumber", ShipmentView.class, ShipmentView::find));
    }

    @Override
    public Optional<TrackingLookup> trackingLookup() {
        return Optional.of(ShipmentLookup.LOOKUP);
    }
}
