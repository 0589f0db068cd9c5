package dev.conveyor.plugin.logistics.notification;

import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusChanged;
import dev.conveyor.plugin.logistics.tracking.TrackingNumber;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The {@code notify} stage: records the e-mail a customer gets for each status of a shipment, once per
 * (tracking number, status), and marks the order NOTIFIED on the first one. Sending is a later channel's job.
 */
public final class NotifyHandler implements Handler<ShipmentStatusChanged> {

    @Override
    public void handle(ShipmentStatusChanged change, HandlerContext context) {
        if (change.orderId() == null || change.trackingNumber() == null || change.status() == null) {
            throw new PermanentFailure("shipment status message '" + context.messageId() + "' lacks its orderId, "
                    + "trackingNumber or status; the tracking stage must send all three");
        }
        TrackingNumber trackingNumber;
        try {
            trackingNumber = TrackingNumber.parse(change.trackingNumber());
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("shipment status message '" + context.messageId() + "' is unusable: " + e.getMessage(), e);
        }
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        // Unique (tenant_id, tracking_number, status) backs this check when two copies race.
        if (Notifications.exists(entityManager, tenantId, trackingNumber, change.status())) {
            return;
        }
        Order order = Orders.find(entityManager, tenantId, change.orderId())
                .orElseThrow(() -> new PermanentFailure("order '" + change.orderId() + "' of tenant '" + tenantId
                        + "' does not exist, so message '" + context.messageId() + "' has no customer to notify about "
                        + trackingNumber + "; a shipment status must follow an order of the same tenant"));
        if (order.customerEmail() == null) {
            throw new PermanentFailure("order '" + order.orderId() + "' of tenant '" + tenantId + "' has no customer e-mail, "
                    + "so its " + change.status() + " notification cannot be addressed");
        }
        Instant now = context.clock().instant();
        LocalDate estimatedDelivery = change.estimatedDelivery() != null ? change.estimatedDelivery() : order.estimatedDelivery();
        String trackingUrl = trackingNumber.trackingUrl();
        String message = CustomerMessages.compose(order.orderId(), order.serviceLevel(), change.status(), estimatedDelivery, trackingUrl);
        entityManager.persist(new Notification(tenantId, order.orderId(), trackingNumber.value(), NotificationChannel.EMAIL,
                order.customerEmail(), change.status(), estimatedDelivery, trackingUrl, message, now));
        if (change.status() == ShipmentStatus.LABEL_CREATED) {
            order.markNotified(now);
        }
    }
}
