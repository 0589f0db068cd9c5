package dev.conveyor.plugin.logistics.dispatch;

import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.Subject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The {@code dispatch} stage: records each order once per (tenant, orderId), either rejected with a business reason
 * or dispatched to a hub, and announces a dispatched one on the dispatch queue; either way it publishes the
 * outcome as an event ({@link OrderEvents}). The order it gets keeps the
 * structural rules of {@link OrderRequest}: the platform dead-letters one that does not.
 */
public final class DispatchHandler implements Handler<OrderRequest> {

    private static final System.Logger log = System.getLogger(DispatchHandler.class.getName());

    @Override
    public void handle(OrderRequest request, HandlerContext context) {
        Orders orders = context.repository(Orders.class);
        String orderId = request.orderId();
        // A foreign producer may send the same order twice under different message ids; the inbox cannot
        // see that, the business key can. Two concurrent copies collide on unique (tenant_id, order_id), and
        // the retry of the loser lands here.
        if (orders.findByOrderId(orderId).isPresent()) {
            log.log(Level.INFO, "order {0} of tenant {1} is already recorded; message {2} is ignored",
                    orderId, context.tenantId(), context.messageId());
            return;
        }
        Instant now = context.clock().instant();
        Instant receivedAt = context.messageTime();
        switch (DispatchRules.decide(request, LocalDate.ofInstant(now, ZoneOffset.UTC))) {
            case DispatchDecision.Rejected rejected -> {
                orders.save(Order.rejected(context.tenantId(), request, rejected.reason(), receivedAt, now));
                context.publish(OrderEvents.REJECTED, Subject.of("order", orderId),
                        new OrderEvents.OrderRejected(orderId, rejected.reason()));
            }
            case DispatchDecision.Planned plan -> {
                orders.save(Order.dispatched(context.tenantId(), request, plan.hub().code(), plan.pickupDate(),
                        plan.estimatedDelivery(), plan.totalWeightKg(), plan.parcelCount(), receivedAt, now));
                context.send(LogisticsPlugin.DISPATCH_QUEUE, new DispatchPrepared(orderId, plan.hub().code(),
                        request.shipping().serviceLevel(), plan.pickupDate(), plan.estimatedDelivery(),
                        plan.totalWeightKg(), plan.parcelCount()));
                context.publish(OrderEvents.DISPATCHED, Subject.of("order", orderId), new OrderEvents.OrderDispatched(
                        orderId, plan.hub().code(), plan.pickupDate(), plan.estimatedDelivery()));
            }
        }
    }
}
