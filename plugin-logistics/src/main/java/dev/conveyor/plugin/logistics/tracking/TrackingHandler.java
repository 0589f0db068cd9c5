package dev.conveyor.plugin.logistics.tracking;

import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.plugin.logistics.dispatch.DispatchPrepared;
import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderStatus;
import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.shipping.TrackingNumber;
import java.time.Instant;

/**
 * The {@code tracking} stage: gives a dispatched order its shipment and tracking number, once per order, and
 * announces LABEL_CREATED on the tracking queue.
 */
public final class TrackingHandler implements Handler<DispatchPrepared> {

    @Override
    public void handle(DispatchPrepared dispatch, HandlerContext context) {
        Shipments shipments = context.repository(Shipments.class);
        String tenantId = context.tenantId();
        String orderId = dispatch.orderId();
        Order order = context.repository(Orders.class).findByOrderId(orderId)
                .orElseThrow(() -> new PermanentFailure("order '" + orderId + "' of tenant '" + tenantId + "' does not exist, so "
                        + "message '" + context.messageId() + "' cannot create its shipment; a dispatch message must follow "
                        + "an order the dispatch stage recorded for the same tenant"));
        if (shipments.findByOrderId(orderId).isPresent()) {
            return;
        }
        if (order.status() != OrderStatus.DISPATCHED) {
            throw new PermanentFailure("order '" + orderId + "' of tenant '" + tenantId + "' is " + order.status()
                    + " without a shipment, so it cannot be shipped; only a DISPATCHED order can");
        }
        Instant now = context.clock().instant();
        TrackingNumber trackingNumber = AcmeTracking.ISSUER.issue(shipments.nextTrackingSerial());
        // The order row, not the message, is the record of what dispatch decided.
        shipments.save(Shipment.labelCreated(trackingNumber, orderId, order.hub(), order.serviceLevel(),
                order.estimatedDelivery(), now));
        order.ship(trackingNumber.value(), now);
        context.send(LogisticsPlugin.TRACKING_QUEUE, ShipmentStatusChanged.labelCreated(orderId, trackingNumber, now,
                order.estimatedDelivery(), order.hub()));
    }
}
