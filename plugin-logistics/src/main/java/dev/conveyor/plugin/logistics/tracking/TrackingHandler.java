package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.dispatch.DispatchPrepared;
import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderStatus;
import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import jakarta.persistence.EntityManager;
import java.time.Instant;

/**
 * The {@code tracking} stage: gives a dispatched order its shipment and tracking number, once per order, and
 * announces LABEL_CREATED on the tracking queue.
 */
public final class TrackingHandler implements Handler<DispatchPrepared> {

    private final String trackingQueue;

    public TrackingHandler(String trackingQueue) {
        this.trackingQueue = requireNonNull(trackingQueue, "trackingQueue is null");
    }

    @Override
    public void handle(DispatchPrepared dispatch, HandlerContext context) {
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        String orderId = dispatch.orderId();
        Order order = Orders.find(entityManager, tenantId, orderId)
                .orElseThrow(() -> new PermanentFailure("order '" + orderId + "' of tenant '" + tenantId + "' does not exist, so "
                        + "message '" + context.messageId() + "' cannot create its shipment; a dispatch message must follow "
                        + "an order the dispatch stage recorded for the same tenant"));
        if (Shipments.findByOrder(entityManager, tenantId, orderId).isPresent()) {
            return;
        }
        if (order.status() != OrderStatus.DISPATCHED) {
            throw new PermanentFailure("order '" + orderId + "' of tenant '" + tenantId + "' is " + order.status()
                    + " without a shipment, so it cannot be shipped; only a DISPATCHED order can");
        }
        Instant now = context.clock().instant();
        TrackingNumber trackingNumber = Shipments.nextTrackingNumber(entityManager);
        // The order row, not the message, is the record of what dispatch decided.
        Shipment shipment = Shipment.labelCreated(tenantId, trackingNumber, orderId, order.hub(), order.serviceLevel(),
                order.estimatedDelivery(), now);
        entityManager.persist(shipment);
        order.ship(trackingNumber.value(), now);
        context.emit(trackingQueue, ShipmentStatusChanged.labelCreated(orderId, trackingNumber, now, order.estimatedDelivery(),
                order.hub()));
    }
}
