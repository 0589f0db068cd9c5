package dev.conveyor.plugin.logistics.dispatch;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.plugin.logistics.order.OrderRequestValidator;
import dev.conveyor.plugin.logistics.order.Orders;
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
 * The {@code dispatch} stage: records each order once per (tenant, orderId), either rejected with a reason or
 * dispatched to a hub, and announces a dispatched one on the dispatch queue. A bad order ends as a rejected
 * order the client can read, not as a dead letter.
 */
public final class DispatchHandler implements Handler<OrderRequest> {

    private static final System.Logger log = System.getLogger(DispatchHandler.class.getName());

    private final String dispatchQueue;
    private final OrderRequestValidator validator = new OrderRequestValidator();

    public DispatchHandler(String dispatchQueue) {
        this.dispatchQueue = requireNonNull(dispatchQueue, "dispatchQueue is null");
    }

    @Override
    public void handle(OrderRequest request, HandlerContext context) {
        List<Violation> violations = validator.validate(request);
        String orderId = request == null ? null : request.orderId();
        if (orderId == null || orderId.isBlank() || orderId.length() > OrderRequestValidator.MAX_ORDER_ID_LENGTH) {
            // Without a usable orderId there is no key to record the rejection under, nor one to read it back by.
            throw new PermanentFailure("order message '" + context.messageId() + "' has no usable orderId, so it cannot be "
                    + "recorded as a rejected order; send it again with an orderId of 1 to "
                    + OrderRequestValidator.MAX_ORDER_ID_LENGTH + " letters, digits, '.', '_' or '-' (problems: "
                    + describe(violations) + ")");
        }
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        // A foreign producer may send the same order twice under different message ids; the inbox cannot
        // see that, the business key can. Two concurrent copies collide on unique (tenant_id, order_id), and
        // the retry of the loser lands here.
        if (Orders.find(entityManager, tenantId, orderId).isPresent()) {
            log.log(Level.INFO, "order {0} of tenant {1} is already recorded; message {2} is ignored",
                    orderId, tenantId, context.messageId());
            return;
        }
        Instant now = context.clock().instant();
        Instant receivedAt = context.messageTime();
        if (!violations.isEmpty()) {
            entityManager.persist(Order.invalid(tenantId, request, describe(violations), receivedAt, now));
            return;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        switch (DispatchRules.decide(request, today)) {
            case DispatchDecision.Rejected rejected ->
                    entityManager.persist(Order.rejected(tenantId, request, rejected.reason(), receivedAt, now));
            case DispatchDecision.Planned plan -> {
                entityManager.persist(Order.dispatched(tenantId, request, plan.hub().code(), plan.pickupDate(),
                        plan.estimatedDelivery(), plan.totalWeightKg(), plan.parcelCount(), receivedAt, now));
                context.emit(dispatchQueue, new DispatchPrepared(orderId, plan.hub().code(),
                        request.shipping().serviceLevel(), plan.pickupDate(), plan.estimatedDelivery(),
                        plan.totalWeightKg(), plan.parcelCount()));
            }
        }
    }

    private static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
