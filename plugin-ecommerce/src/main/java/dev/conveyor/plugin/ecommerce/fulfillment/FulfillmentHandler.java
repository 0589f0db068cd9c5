package dev.conveyor.plugin.ecommerce.fulfillment;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.ecommerce.EcommercePlugin;
import dev.conveyor.plugin.ecommerce.inventory.Allocation;
import dev.conveyor.plugin.ecommerce.inventory.Demand;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.ReservationPlan;
import dev.conveyor.plugin.ecommerce.inventory.Reservations;
import dev.conveyor.plugin.ecommerce.inventory.Stock;
import dev.conveyor.plugin.ecommerce.inventory.StockReserver;
import dev.conveyor.plugin.ecommerce.order.DeliveryCalendar;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequest;
import dev.conveyor.plugin.ecommerce.order.Orders;
import dev.conveyor.plugin.ecommerce.settings.BackorderPolicy;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code fulfillment} stage: records each order once per (tenant, orderId) and reserves its stock, all lines or
 * none, from the tenant's warehouses in order of preference. A reserved order goes on to shipping and the customer
 * gets a confirmation; an order stock cannot fill is backordered or rejected, by the tenant's policy, and the customer
 * is told why. The platform has checked the order's shape before it gets here.
 */
public final class FulfillmentHandler implements Handler<OrderRequest> {

    private static final System.Logger log = System.getLogger(FulfillmentHandler.class.getName());

    private final List<String> warehouses;
    private final BackorderPolicy backorderPolicy;

    public FulfillmentHandler(EcommerceSettings settings) {
        requireNonNull(settings, "settings is null");
        this.warehouses = settings.warehouses();
        this.backorderPolicy = settings.backorderPolicy();
    }

    @Override
    public void handle(OrderRequest request, HandlerContext context) {
        Orders orders = context.repository(Orders.class);
        String tenantId = context.tenantId();
        String orderId = request.orderId();
        // A foreign producer may send the same order twice under different message ids; the inbox cannot see that,
        // the business key can. Two concurrent copies collide on unique (tenant_id, order_id): the loser's
        // transaction rolls back with its reservations, and its retry lands here.
        if (orders.findByOrderId(orderId).isPresent()) {
            log.log(Level.INFO, "order {0} of tenant {1} is already recorded; message {2} is ignored",
                    orderId, tenantId, context.messageId());
            return;
        }
        Instant now = context.clock().instant();
        Instant receivedAt = context.messageTime();
        List<Demand> demands = request.lines().stream().map(line -> new Demand(line.sku(), line.quantity())).toList();
        switch (new StockReserver(context.repository(Stock.class), tenantId).reserve(warehouses, demands)) {
            case ReservationPlan.Fillable plan -> {
                LocalDate estimatedDelivery = DeliveryCalendar.estimatedDelivery(LocalDate.ofInstant(now, ZoneOffset.UTC), request.speed());
                orders.save(Order.reserved(tenantId, request, estimatedDelivery, receivedAt, now));
                Reservations reservations = context.repository(Reservations.class);
                for (Allocation allocation : plan.allocations()) {
                    reservations.save(new Reservation(orderId, allocation, now));
                }
                context.send(EcommercePlugin.FULFILLMENTS, new FulfillmentReserved(orderId, plan.allocations().stream()
                        .map(allocation -> new ReservedItem(allocation.warehouse(), allocation.sku(), allocation.quantity()))
                        .toList(), request.speed()));
                context.send(EcommercePlugin.TRACKING, OrderUpdate.aboutOrder(orderId, UpdateKind.CONFIRMED, now, estimatedDelivery, null));
            }
            case ReservationPlan.Short shortOfStock -> {
                String reason = shortOfStock.reason();
                if (backorderPolicy == BackorderPolicy.BACKORDER) {
                    orders.save(Order.backordered(tenantId, request, reason, receivedAt, now));
                    context.send(EcommercePlugin.TRACKING, OrderUpdate.aboutOrder(orderId, UpdateKind.BACKORDERED, now, null, reason));
                } else {
                    orders.save(Order.rejected(tenantId, request, reason, receivedAt, now));
                    context.send(EcommercePlugin.TRACKING, OrderUpdate.aboutOrder(orderId, UpdateKind.REJECTED, now, null, reason));
                }
            }
        }
    }
}
