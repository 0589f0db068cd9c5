package dev.conveyor.plugin.ecommerce.fulfillment;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.ecommerce.inventory.Allocation;
import dev.conveyor.plugin.ecommerce.inventory.Demand;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.ReservationPlan;
import dev.conveyor.plugin.ecommerce.inventory.StockReserver;
import dev.conveyor.plugin.ecommerce.order.DeliveryCalendar;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequest;
import dev.conveyor.plugin.ecommerce.order.OrderRequestValidator;
import dev.conveyor.plugin.ecommerce.order.Orders;
import dev.conveyor.plugin.ecommerce.settings.BackorderPolicy;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdateValidator;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Violation;
import jakarta.persistence.EntityManager;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code fulfillment} stage: records each order once per (tenant, orderId) and reserves its stock, all lines or
 * none. A reserved order goes on to shipping and the customer gets a confirmation; an order stock cannot fill is
 * backordered or rejected, by the tenant's policy, and the customer is told why. A malformed order ends as a rejected
 * order the client can read, not as a dead letter.
 */
public final class FulfillmentHandler implements Handler<OrderRequest> {

    private static final System.Logger log = System.getLogger(FulfillmentHandler.class.getName());

    private final String fulfillmentQueue;
    private final String trackingQueue;
    private final OrderRequestValidator validator = new OrderRequestValidator();

    public FulfillmentHandler(String fulfillmentQueue, String trackingQueue) {
        this.fulfillmentQueue = requireNonNull(fulfillmentQueue, "fulfillmentQueue is null");
        this.trackingQueue = requireNonNull(trackingQueue, "trackingQueue is null");
    }

    @Override
    public void handle(OrderRequest request, HandlerContext context) {
        List<Violation> violations = validator.validate(request);
        String orderId = request == null ? null : request.orderId();
        if (orderId == null || !OrderRequestValidator.ORDER_ID.matcher(orderId).matches()) {
            // Without a usable orderId there is no key to record the rejection under, nor one to read it back by.
            throw new PermanentFailure("order message '" + context.messageId() + "' has no usable orderId, so it cannot be "
                    + "recorded as a rejected order; send it again with an orderId of 1 to "
                    + OrderRequestValidator.MAX_ORDER_ID_LENGTH + " letters, digits, '.', '_' or '-' (problems: "
                    + describe(violations) + ")");
        }
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        // A foreign producer may send the same order twice under different message ids; the inbox cannot see that,
        // the business key can. Two concurrent copies collide on unique (tenant_id, order_id): the loser's
        // transaction rolls back with its reservations, and its retry lands here.
        if (Orders.find(entityManager, tenantId, orderId).isPresent()) {
            log.log(Level.INFO, "order {0} of tenant {1} is already recorded; message {2} is ignored",
                    orderId, tenantId, context.messageId());
            return;
        }
        Instant now = context.clock().instant();
        Instant receivedAt = context.messageTime();
        if (!violations.isEmpty()) {
            String reason = describe(violations);
            entityManager.persist(Order.invalid(tenantId, request, reason, receivedAt, now));
            if (canBeTold(violations)) {
                context.emit(trackingQueue, update(orderId, UpdateKind.REJECTED, now, null, reason));
            }
            return;
        }
        EcommerceSettings settings = EcommerceSettings.of(context.config());
        List<Demand> demands = request.lines().stream().map(line -> new Demand(line.sku(), line.quantity())).toList();
        switch (StockReserver.reserve(entityManager, tenantId, settings.warehouses(), demands)) {
            case ReservationPlan.Fillable plan -> {
                LocalDate estimatedDelivery = DeliveryCalendar.estimatedDelivery(LocalDate.ofInstant(now, ZoneOffset.UTC), request.speed());
                entityManager.persist(Order.reserved(tenantId, request, estimatedDelivery, receivedAt, now));
                for (Allocation allocation : plan.allocations()) {
                    entityManager.persist(new Reservation(tenantId, orderId, allocation, now));
                }
                context.emit(fulfillmentQueue, new FulfillmentReserved(orderId, plan.allocations().stream()
                        .map(allocation -> new ReservedItem(allocation.warehouse(), allocation.sku(), allocation.quantity()))
                        .toList(), request.speed()));
                context.emit(trackingQueue, update(orderId, UpdateKind.CONFIRMED, now, estimatedDelivery, null));
            }
            case ReservationPlan.Short shortOfStock -> {
                String reason = shortOfStock.reason();
                if (settings.backorderPolicy() == BackorderPolicy.BACKORDER) {
                    entityManager.persist(Order.backordered(tenantId, request, reason, receivedAt, now));
                    context.emit(trackingQueue, update(orderId, UpdateKind.BACKORDERED, now, null, reason));
                } else {
                    entityManager.persist(Order.rejected(tenantId, request, reason, receivedAt, now));
                    context.emit(trackingQueue, update(orderId, UpdateKind.REJECTED, now, null, reason));
                }
            }
        }
    }

    private static OrderUpdate update(String orderId, UpdateKind kind, Instant now, LocalDate estimatedDelivery, String detail) {
        // The order row keeps the whole reason; the update carries what fits its detail.
        String shortDetail = detail == null || detail.length() <= OrderUpdateValidator.MAX_DETAIL_LENGTH ? detail
                : detail.substring(0, OrderUpdateValidator.MAX_DETAIL_LENGTH - 1) + "…";
        return new OrderUpdate(orderId, kind, null, now, estimatedDelivery, null, shortDetail, null);
    }

    /** Whether the customer of a malformed order has an address to be told at. */
    private static boolean canBeTold(List<Violation> violations) {
        return violations.stream().noneMatch(violation -> violation.field().equals("customer")
                || violation.field().equals("customer.email"));
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
