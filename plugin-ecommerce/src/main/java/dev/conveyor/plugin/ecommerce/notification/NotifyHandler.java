package dev.conveyor.plugin.ecommerce.notification;

import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.Orders;
import dev.conveyor.plugin.ecommerce.shipping.ScanOutcome;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvent;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvents;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus;
import dev.conveyor.plugin.ecommerce.shipping.Shipments;
import dev.conveyor.plugin.ecommerce.tracking.OrderEvents;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.Contact;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.NotificationRequest;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Subject;
import dev.conveyor.shipping.S10;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code notify} stage. A carrier's scan goes into its parcel's history (once per scan id) and, when it is the
 * newest news, sets the parcel's status, which delivers the order once every parcel is delivered. Then the customer
 * is told, once per (order, kind, tracking number), from what the database says rather than what the message says:
 * the tracking queue also takes messages from outside, so an update must agree with the recorded order to count.
 */
public final class NotifyHandler implements Handler<OrderUpdate> {

    private static final System.Logger log = System.getLogger(NotifyHandler.class.getName());

    private static final Set<OrderStatus> CONFIRMED_STATUSES = Set.of(OrderStatus.RESERVED, OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    @Override
    public void handle(OrderUpdate update, HandlerContext context) {
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
        String tenantId = context.tenantId();
        Shipments shipments = context.repository(Shipments.class);
        String trackingNumber = S10.normalize(scan.trackingNumber());
        String orderId = shipments.orderIdOf(trackingNumber)
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
        Order order = context.repository(Orders.class).findForUpdateByOrderId(orderId)
                .orElseThrow(() -> new IllegalStateException("parcel " + trackingNumber + " names order '" + orderId
                        + "' of tenant '" + tenantId + "', which does not exist"));
        Shipment shipment = shipments.findForUpdateByTrackingNumber(trackingNumber).orElseThrow();
        ShipmentEvents events = context.repository(ShipmentEvents.class);
        if (events.existsByShipmentAndScanId(shipment, scan.scanId())) {
            log.log(Level.INFO, "scan {0} of parcel {1} of tenant {2} is recorded already; message {3} is ignored",
                    scan.scanId(), trackingNumber, tenantId, context.messageId());
            return;
        }
        Instant now = context.clock().instant();
        ShipmentStatus scanned = ShipmentStatus.scanned(scan.kind());
        ScanOutcome outcome = shipment.applyScan(scanned, scan.occurredAt(), scan.estimatedDelivery(), now);
        events.save(ShipmentEvent.scan(shipment, scanned, scan.occurredAt(), scan.location(), scan.detail(), scan.scanId(),
                outcome == ScanOutcome.APPLIED, now));
        if (outcome != ScanOutcome.APPLIED) {
            // Telling the customer "in transit" after "out for delivery" would only confuse: late scans stay in history.
            log.log(Level.INFO, "scan {0} of parcel {1} of tenant {2} is kept in its history but not applied: {3}",
                    scan.scanId(), trackingNumber, tenantId, outcome);
            return;
        }
        List<Shipment> parcels = shipments.findByOrderIdOrderById(orderId);
        if (scanned == ShipmentStatus.DELIVERED && order.status() == OrderStatus.SHIPPED
                && parcels.stream().allMatch(parcel -> parcel.status() == ShipmentStatus.DELIVERED)) {
            order.deliver(parcels.stream().map(Shipment::deliveredAt).max(Comparator.naturalOrder()).orElseThrow(), now);
        } else if (scan.estimatedDelivery() != null && order.status() == OrderStatus.SHIPPED) {
            parcels.stream().map(Shipment::estimatedDelivery).filter(Objects::nonNull).max(Comparator.naturalOrder())
                    .ifPresent(latest -> order.reviseEstimatedDelivery(latest, now));
        }
        String message = switch (scanned) {
            case IN_TRANSIT -> CustomerMessages.inTransit(orderId, trackingNumber, shipment.trackingUrl(), shipment.estimatedDelivery());
            case OUT_FOR_DELIVERY -> CustomerMessages.outForDelivery(orderId, trackingNumber, shipment.trackingUrl());
            case DELIVERED -> CustomerMessages.delivered(orderId, trackingNumber, LocalDate.ofInstant(scan.occurredAt(), ZoneOffset.UTC));
            case EXCEPTION -> CustomerMessages.exception(orderId, trackingNumber, shipment.carrier(), shipment.trackingUrl());
            case LABEL_CREATED -> throw new IllegalStateException("a scan never reports LABEL_CREATED");
        };
        notifyOnce(context, order, scan.kind(), trackingNumber, shipment.trackingUrl(), shipment.estimatedDelivery(), message);
    }

    private void onShipped(OrderUpdate update, HandlerContext context) {
        String tenantId = context.tenantId();
        String trackingNumber = S10.normalize(update.trackingNumber());
        Shipment shipment = context.repository(Shipments.class).findByTrackingNumber(trackingNumber)
                .filter(parcel -> parcel.orderId().equals(update.orderId()))
                .orElseThrow(() -> new PermanentFailure("order '" + update.orderId() + "' of tenant '" + tenantId + "' has no parcel "
                        + trackingNumber + ", so SHIPPED update '" + context.messageId() + "' is not about a parcel the shipping "
                        + "stage made"));
        Order order = order(update, context);
        notifyOnce(context, order, UpdateKind.SHIPPED, trackingNumber, shipment.trackingUrl(), shipment.estimatedDelivery(),
                CustomerMessages.shipped(order.orderId(),
                shipment.carrier(), trackingNumber, shipment.trackingUrl(), shipment.estimatedDelivery()));
    }

    private void onOrderDecision(OrderUpdate update, HandlerContext context) {
        Order order = order(update, context);
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
        notifyOnce(context, order, update.kind(), null, null, order.estimatedDelivery(), message);
    }

    private static Order order(OrderUpdate update, HandlerContext context) {
        return context.repository(Orders.class).findByOrderId(update.orderId())
                .orElseThrow(() -> new PermanentFailure("order '" + update.orderId() + "' of tenant '" + context.tenantId()
                        + "' does not exist, so " + update.kind() + " update '" + context.messageId() + "' has no customer to tell"));
    }

    /** Tells the order's (and the parcel's) followers, once, as the customer is told. */
    private static void publish(HandlerContext context, Order order, UpdateKind kind, String trackingNumber) {
        LocalDate deliveredOn = order.status() == OrderStatus.DELIVERED && order.deliveredAt() != null
                ? LocalDate.ofInstant(order.deliveredAt(), ZoneOffset.UTC) : null;
        OrderEvents.OrderUpdated data = new OrderEvents.OrderUpdated(order.orderId(), kind.name(), trackingNumber,
                order.estimatedDelivery(), deliveredOn);
        context.publish(OrderEvents.UPDATED, OrderEvents.order(order.orderId()), data);
        if (trackingNumber != null) {
            context.publish(OrderEvents.UPDATED, OrderEvents.shipment(trackingNumber), data);
        }
    }

    /**
     * Records the notification unless the customer was told already (unique (tenant, order, kind, tracking number)
     * backs the check when two copies race), and has the platform tell the customer by e-mail and SMS.
     */
    private static void notifyOnce(HandlerContext context, Order order, UpdateKind kind, String trackingNumber,
            String trackingUrl, LocalDate estimatedDelivery, String message) {
        Notifications notifications = context.repository(Notifications.class);
        boolean told = trackingNumber == null
                ? notifications.existsByOrderIdAndKindAndTrackingNumberIsNull(order.orderId(), kind)
                : notifications.existsByOrderIdAndKindAndTrackingNumber(order.orderId(), kind, trackingNumber);
        if (told) {
            return;
        }
        publish(context, order, kind, trackingNumber);
        if (order.customerEmail() == null) {
            throw new PermanentFailure("order '" + order.orderId() + "' of tenant '" + context.tenantId() + "' has no customer "
                    + "e-mail, so its " + kind + " notification cannot be addressed");
        }
        notifications.save(new Notification(order.orderId(), kind, trackingNumber, NotificationChannel.EMAIL, order.customerEmail(),
                message, context.clock().instant()));
        // The customer's e-mail address is the stable id a shop has for a guest customer.
        Contact customer = Contact.of(order.customerEmail().toLowerCase(Locale.ROOT), order.customerName())
                .withEmail(order.customerEmail()).withPhone(order.customerPhone());
        context.notify(NotificationRequest.of(notificationKind(kind), customer, Subject.of("order", order.orderId()),
                new OrderNews(message, order.orderId(), trackingNumber, trackingUrl, estimatedDelivery)));
    }

    /** What a notification's templates show: the composed text, and its parts for tenants' own templates. */
    public record OrderNews(String message, String orderId, String trackingNumber, String trackingUrl,
            LocalDate estimatedDelivery) {
    }

    /** The platform notification kind of an update: {@code order.confirmed}, {@code shipment.out-for-delivery}. */
    static String notificationKind(UpdateKind kind) {
        String name = kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (kind) {
            case CONFIRMED, BACKORDERED, REJECTED, SHIPPED, DELIVERED -> "order." + name;
            case IN_TRANSIT, OUT_FOR_DELIVERY, EXCEPTION -> "shipment." + name;
        };
    }
}
