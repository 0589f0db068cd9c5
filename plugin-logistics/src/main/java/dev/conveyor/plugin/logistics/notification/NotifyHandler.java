package dev.conveyor.plugin.logistics.notification;

import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.plugin.logistics.tracking.AcmeTracking;
import dev.conveyor.plugin.logistics.tracking.CarrierScan;
import dev.conveyor.plugin.logistics.tracking.ScanDecision;
import dev.conveyor.plugin.logistics.tracking.Shipment;
import dev.conveyor.plugin.logistics.tracking.ShipmentEvents;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusChanged;
import dev.conveyor.plugin.logistics.tracking.Shipments;
import dev.conveyor.sdk.Contact;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.NotificationRequest;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Subject;
import dev.conveyor.sdk.Violation;
import dev.conveyor.shipping.TrackingNumber;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code notify} stage. A carrier scan is first applied to its shipment ({@link Shipment#recordScan}): a scan
 * posted twice is ignored, a stale one joins the history only, and a DELIVERED one delivers the order. Then, for
 * LABEL_CREATED and for each scan that set the shipment's status, it records the e-mail the customer gets, once per
 * (tracking number, status); the first makes the order NOTIFIED. The platform's notification service sends it
 * (e-mail and SMS, as the tenant's notification settings choose).
 */
public final class NotifyHandler implements Handler<ShipmentStatusChanged> {

    private static final System.Logger log = System.getLogger(NotifyHandler.class.getName());

    @Override
    public void handle(ShipmentStatusChanged change, HandlerContext context) {
        List<Violation> broken = change.brokenRules(context.clock().instant());
        if (!broken.isEmpty()) {
            throw new PermanentFailure("shipment status message '" + context.messageId() + "' is unusable: "
                    + broken.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        if (change.status().isCarrierScan()) {
            applyScan(CarrierScan.of(change), change.orderId(), context);
        } else {
            announceLabel(change, context);
        }
    }

    private static void announceLabel(ShipmentStatusChanged change, HandlerContext context) {
        String tenantId = context.tenantId();
        TrackingNumber trackingNumber = AcmeTracking.ISSUER.parse(change.trackingNumber());
        Order order = context.repository(Orders.class).findLockedByOrderId(change.orderId())
                .orElseThrow(() -> new PermanentFailure("order '" + change.orderId() + "' of tenant '" + tenantId
                        + "' does not exist, so message '" + context.messageId() + "' has no customer to notify about "
                        + trackingNumber + "; a shipment status must follow an order of the same tenant"));
        LocalDate estimatedDelivery = change.estimatedDelivery() != null ? change.estimatedDelivery() : order.estimatedDelivery();
        context.publish(ShipmentEvents.STATUS_CHANGED, ShipmentEvents.subject(trackingNumber.value()),
                new ShipmentEvents.ShipmentStatusUpdated(trackingNumber.value(), order.orderId(), change.status(),
                        change.occurredAt(), estimatedDelivery, change.location()));
        notifyOnce(context, order, trackingNumber, change.status(), change.occurredAt(), null, estimatedDelivery);
    }

    private static void applyScan(CarrierScan scan, String orderId, HandlerContext context) {
        String tenantId = context.tenantId();
        TrackingNumber trackingNumber = scan.trackingNumber();
        Shipment shipment = context.repository(Shipments.class).findLockedByTrackingNumber(trackingNumber.value())
                .orElseThrow(() -> new PermanentFailure("tenant '" + tenantId + "' has no shipment with tracking number "
                        + trackingNumber + ", so " + scan.status() + " scan '" + scan.scanId() + "' cannot be applied; "
                        + "check the number the carrier scanned against the order's trackingNumber"));
        if (orderId != null && !orderId.equals(shipment.orderId())) {
            throw new PermanentFailure("scan '" + scan.scanId() + "' names order '" + orderId + "', but tracking number "
                    + trackingNumber + " belongs to order '" + shipment.orderId() + "' of tenant '" + tenantId
                    + "'; send the scan without orderId, or check which parcel was scanned");
        }
        Instant now = context.clock().instant();
        // Unique (tenant_id, shipment_id, scan_id) backs the duplicate check when two copies of a scan race.
        ScanDecision decision = shipment.recordScan(scan, now);
        if (decision == ScanDecision.DUPLICATE) {
            log.log(Level.INFO, "scan {0} of {1} (tenant {2}) is already recorded; message {3} is ignored",
                    scan.scanId(), trackingNumber, tenantId, context.messageId());
            return;
        }
        if (decision == ScanDecision.HISTORY_ONLY) {
            log.log(Level.INFO, "{0} scan {1} of {2} (tenant {3}) is not newer than the current {4} status, or follows the "
                    + "delivery: recorded in the history only", scan.status(), scan.scanId(), trackingNumber, tenantId,
                    shipment.status());
            return;
        }
        Order order = context.repository(Orders.class).findLockedByOrderId(shipment.orderId())
                .orElseThrow(() -> new IllegalStateException("shipment " + trackingNumber + " of tenant '" + tenantId
                        + "' has no order '" + shipment.orderId() + "'"));
        if (scan.estimatedDelivery() != null) {
            order.reschedule(scan.estimatedDelivery(), now);
        }
        if (scan.status() == ShipmentStatus.DELIVERED) {
            order.markDelivered(scan.occurredAt(), now);
        }
        context.publish(ShipmentEvents.STATUS_CHANGED, ShipmentEvents.subject(trackingNumber.value()),
                new ShipmentEvents.ShipmentStatusUpdated(trackingNumber.value(), order.orderId(), scan.status(),
                        scan.occurredAt(), shipment.estimatedDelivery(), scan.location()));
        notifyOnce(context, order, trackingNumber, scan.status(), scan.occurredAt(), scan.detail(), shipment.estimatedDelivery());
    }

    private static void notifyOnce(HandlerContext context, Order order, TrackingNumber trackingNumber, ShipmentStatus status,
            Instant occurredAt, String detail, LocalDate estimatedDelivery) {
        Notifications notifications = context.repository(Notifications.class);
        // Unique (tenant_id, tracking_number, status) backs this check when two copies race.
        if (notifications.existsByTrackingNumberAndStatus(trackingNumber.value(), status)) {
            return;
        }
        if (order.customerEmail() == null) {
            throw new PermanentFailure("order '" + order.orderId() + "' of tenant '" + context.tenantId() + "' has no customer "
                    + "e-mail, so its " + status + " notification cannot be addressed");
        }
        String trackingUrl = AcmeTracking.trackingUrl(trackingNumber);
        LocalDate occurredOn = occurredAt == null ? null : LocalDate.ofInstant(occurredAt, ZoneOffset.UTC);
        String message = CustomerMessages.compose(order.orderId(), order.serviceLevel(), status, occurredOn, detail,
                estimatedDelivery, trackingUrl);
        Instant now = context.clock().instant();
        notifications.save(new Notification(order.orderId(), trackingNumber.value(), NotificationChannel.EMAIL,
                order.customerEmail(), status, estimatedDelivery, trackingUrl, message, now));
        order.markNotified(now);
        // The customer's e-mail address is the stable id the order gives for its customer.
        Contact customer = Contact.of(order.customerEmail().toLowerCase(Locale.ROOT), order.customerName())
                .withEmail(order.customerEmail()).withPhone(order.customerPhone());
        context.notify(NotificationRequest.of("shipment." + status.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                customer, Subject.of("shipment", trackingNumber.value()), new ShipmentNews(message, order.orderId(),
                        trackingNumber.value(), status.name(), estimatedDelivery, trackingUrl)));
    }

    /** What a notification's templates show: the composed text, and its parts for tenants' own templates. */
    public record ShipmentNews(String message, String orderId, String trackingNumber, String status,
            LocalDate estimatedDelivery, String trackingUrl) {
    }
}
