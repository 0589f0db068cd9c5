package dev.conveyor.plugin.logistics.notification;

import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import org.springframework.data.repository.Repository;

/** The tenant's customer notifications. */
public interface Notifications extends Repository<Notification, Long> {

    boolean existsByTrackingNumberAndStatus(String trackingNumber, ShipmentStatus status);

    Notification save(Notification notification);
}
