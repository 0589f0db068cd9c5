package dev.conveyor.plugin.ecommerce.notification;

import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.Orders;
import dev.conveyor.plugin.ecommerce.shipping.ScanOutcome;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvent;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus;
import dev.conveyor.plugin.ecommerce.shipping.Shipments;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdateValidator;
import dev.conveyor.plugin.ecommerce.tracking.TrackingNumber;
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
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code notify} stage. A carrier's scan goes into its parcel's history (once per scan id) and, when it is the
 * newest news, sets the parcel's status, which delivers the order once every parcel is delivered. Then the customer
 * is told, once per (order, kind, tracking number), from what the database says rather than what the message says:
 * the tracking queue also takes messages from outside, so an update must agree with the recorded order to count.
 */
public final class NotifyHandler implements Handler<OrderUpdate> {

    private static final System.Logger log = System.getLogger(NotifyHandler.class.getName());

    private static final Set<OrderStatus> CONFIRMED_STATUSES = Set.of(OrderStatus.RESERVED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    private final OrderUpdateValidator validator = new OrderUpdateValidator();

    @Override
    public void handle(OrderUpdate update, HandlerContext context) {
        List<Violation> violations = validator.validate(update);
        if (!violations.isEmpty()) {
            // Messages from foreign producers reach the stage unchecked; the HTTP route has refused these already.
            throw new PermanentFailure("order update '" + context.messageId() + "' is invalid: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        UpdateKind kind = update.kind();
        if (kind.isScan()) {
            onScan(update, context);
        } else if (kind == UpdateKind.SHIPPED) {
            onShipped(update, context);
        } else {
            onOrderDecision(update, context);
        }
    }

    private void onScan(OrderUpdate scan, HandlerContext context) {
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        TrackingNumber trackingNumber = TrackingNumber.parse(scan.trackingNumber());
        String orderId = Shipments.orderIdOf(entityManager, tenantId, trackingNumber)
                .orElseThrow(() -> new PermanentFailure("tenant '" + tenantId + "' has no parcel with tracking number "
                        + trackingNumber + ", so " + scan.kind() + " scan '" + scan.scanId() + "' cannot be recorded; check the "
                        + "number the carrier sent"));
        if (scan.orderId() != null && !scan.orderId().equals(orderId)) {
            throw new PermanentFailure("scan '" + scan.scanId() + "' names order '" + scan.orderId() + "', but parcel "
                    + trackingNumber + " belongs to order '" + orderId + "' of tenant '" + tenantId + "'; leave orderId out or "
                    + "correct it");
        }
        // Order first, then parcel, as everywhere: the second of two parcels delivered at once waits here, and then
        // sees the first one delivered.
        Order order = Orders.findForUpdate(entityManager, tenantId, orderId)
                .orElseThrow(() -> new IllegalStateException("parcel " + trackingNumber + " names order '" + orderId
                        + "' of tenant '" + tenantId + "', which does not exist"));
        Shipment shipment = Shipments.findForUpdate(entityManager, tenantId, trackingNumber).orElseThrow();
        if (Shipments.hasScan(entityManager, shipment, scan.scanId())) {
            log.log(Level.INFO, "scan {0} of parcel {1} of tenant {2} is recorded already; message {3} is ignored",
                    scan.scanId(), trackingNumber, tenantId, context.messageId());
            return;
        }
        Instant now = context.clock().instant();
        ShipmentStatus scanned = ShipmentStatus.scanned(scan.kind());
        ScanOutcome outcome = shipment.applyScan(scanned, scan.occurredAt(), scan.estimatedDelivery(), now);
        entityManager.persist(ShipmentEvent.scan(shipment, scanned, scan.occurredAt(), scan.location(), scan.detail(), scan.scanId(),
                outcome == ScanOutcome.APPLIED, now));
        if (outcome != ScanOutcome.APPLIED) {
            // Telling the customer "in transit" after "out for delivery" would only confuse: late scans stay in history.
            log.log(Level.INFO, "scan {0} of parcel {1} of tenant {2} is kept in its history but not applied: {3}",
                    scan.scanId(), trackingNumber, tenantId, outcome);
            return;
        }
        List<Shipment> parcels = Shipments.ofOrder(entityManager, tenantId, orderId);
        if (scanned == ShipmentStatus.DELIVERED && order.status() == OrderStatus.SHIPPED
                && parcels.stream().allMatch(parcel -> parcel.status() == ShipmentStatus.DELIVERED)) {
            order.deliver(parcels.stream().map(Shipment::deliveredAt).max(Comparator.naturalOrder()).orElseThrow(), now);
        } else if (scan.estimatedDelivery() != null && order.status() == OrderStatus.SHIPPED) {
            parcels.stream().map(Shipment::estimatedDelivery).filter(Objects::nonNull).max(Comparator.naturalOrder())
                    .ifPresent(latest -> order.reviseEstimatedDelivery(latest, now));
        }
        String message = switch (scanned) {
            case IN_TRANSIT -> CustomerMessages.inTransit(orderId, trackingNumber.value(), shipment.trackingUrl(),
                    shipment.estimatedDelivery());
            case OUT_FOR_DELIVERY -> CustomerMessages.outForDelivery(orderId, trackingNumber.value(), shipment.trackingUrl());
            case DELIVERED -> CustomerMessages.delivered(orderId, trackingNumber.value(),
                    LocalDate.ofInstant(scan.occurredAt(), ZoneOffset.UTC));
            case EXCEPTION -> CustomerMessages.exception(orderId, trackingNumber.value(), shipment.carrier(), shipment.trackingUrl());
            case LABEL_CREATED -> throw new IllegalStateException("a scan never reports LABEL_CREATED");
        };
        notifyOnce(context, order, scan.kind(), trackingNumber.value(), message);
    }

    private void onShipped(OrderUpdate update, HandlerContext context) {
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        TrackingNumber trackingNumber = TrackingNumber.parse(update.trackingNumber());
        Shipment shipment = Shipments.find(entityManager, tenantId, trackingNumber)
                .filter(parcel -> parcel.orderId().equals(update.orderId()))
                .orElseThrow(() -> new PermanentFailure("order '" + update.orderId() + "' of tenant '" + tenantId + "' has no parcel "
                        + trackingNumber + ", so SHIPPED update '" + context.messageId() + "' is not about a parcel the shipping "
                        + "stage made"));
        Order order = order(entityManager, tenantId, update, context);
        notifyOnce(context, order, UpdateKind.SHIPPED, trackingNumber.value(), CustomerMessages.shipped(order.orderId(),
                shipment.carrier(), trackingNumber.value(), shipment.trackingUrl(), shipment.estimatedDelivery()));
    }

    private void onOrderDecision(OrderUpdate update, HandlerContext context) {
        EntityManager entityManager = context.entityManager();
        Order order = order(entityManager, context.tenantId(), update, context);
        boolean agrees = switch (update.kind()) {
            case CONFIRMED -> CONFIRMED_STATUSES.contains(order.status());
            case BACKORDERED -> order.status() == OrderStatus.BACKORDERED;
            case REJECTED -> order.status() == OrderStatus.REJECTED;
            default -> false;
        };
        if (!agrees) {
            throw new PermanentFailure("order '" + order.orderId() + "' of tenant '" + context.tenantId() + "' is " + order.status()
                    + ", so " + update.kind() + " update '" + context.messageId() + "' does not agree with it; the customer is not told");
        }
        String message = switch (update.kind()) {
            case CONFIRMED -> CustomerMessages.confirmed(order.orderId(), order.estimatedDelivery());
            case BACKORDERED -> CustomerMessages.backordered(order.orderId(), order.reason());
            default -> CustomerMessages.rejected(order.orderId(), order.reason());
        };
        notifyOnce(context, order, update.kind(), null, message);
    }

    private static Order order(EntityManager entityManager, String tenantId, OrderUpdate update, HandlerContext context) {
        return Orders.find(entityManager, tenantId, update.orderId())
                .orElseThrow(() -> new PermanentFailure("order '" + update.orderId() + "' of tenant '" + tenantId + "' does not exist, "
                        + "so " + update.kind() + " update '" + context.messageId() + "' has no customer to tell"));
    }

    /**
     * Records the notification unless the customer was told already; unique (tenant, order, kind, tracking number)
     * backs the check when two copies race.
     */
    private static void notifyOnce(HandlerContext context, Order order, UpdateKind kind, String trackingNumber, String message) {
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        if (Notifications.exists(entityManager, tenantId, order.orderId(), kind, trackingNumber)) {
            return;
        }
        if (order.customerEmail() == null) {
            throw new PermanentFailure("order '" + order.orderId() + "' of tenant '" + tenantId + "' has no customer e-mail, so its "
                    + kind + " notification cannot be addressed");
        }
        entityManager.persist(new Notification(tenantId, order.orderId(), kind, trackingNumber, NotificationChannel.EMAIL,
                order.customerEmail(), message, context.clock().instant()));
    }
}
