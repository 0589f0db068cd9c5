package dev.conveyor.plugin.ecommerce.notification;

import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import org.springframework.data.repository.Repository;

/** What the tenant's customers were told. */
public interface Notifications extends Repository<Notification, Long> {

    /** Whether the customer was told {@code kind} about one of the order's parcels. */
    boolean existsByOrderIdAndKindAndTrackingNumber(String orderId, UpdateKind kind, String trackingNumber);

    /** Whether the customer was told {@code kind} about the order as a whole. */
    boolean existsByOrderIdAndKindAndTrackingNumberIsNull(String orderId, UpdateKind kind);

    /** How many notifications the order's customer has been sent. */
    long countByOrderId(String orderId);

    Notification save(Notification notification);
}
