package dev.conveyor.plugin.logistics.notification;

import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import java.util.ArrayList;
import java.util.List;

/** {@link Notifications} in a list, for handler tests. */
final class InMemoryNotifications implements Notifications {

    private final List<Notification> notifications = new ArrayList<>();

    @Override
    public boolean existsByTrackingNumberAndStatus(String trackingNumber, ShipmentStatus status) {
        return notifications.stream().anyMatch(notification -> notification.trackingNumber().equals(trackingNumber)
                && notification.status() == status);
    }

    @Override
    public Notification save(Notification notification) {
        notifications.add(notification);
        return notification;
    }

    List<Notification> all() {
        return List.copyOf(notifications);
    }
}
