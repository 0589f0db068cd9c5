package dev.conveyor.plugin.ecommerce.fakes;

import dev.conveyor.plugin.ecommerce.notification.Notification;
import dev.conveyor.plugin.ecommerce.notification.Notifications;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link Notifications} over a list. */
public final class InMemoryNotifications implements Notifications {

    private final List<Notification> notifications = new ArrayList<>();

    @Override
    public boolean existsByOrderIdAndKindAndTrackingNumber(String orderId, UpdateKind kind, String trackingNumber) {
        return notifications.stream().anyMatch(notification -> notification.orderId().equals(orderId) && notification.kind() == kind
                && Objects.equals(notification.trackingNumber(), trackingNumber));
    }

    @Override
    public boolean existsByOrderIdAndKindAndTrackingNumberIsNull(String orderId, UpdateKind kind) {
        return existsByOrderIdAndKindAndTrackingNumber(orderId, kind, null);
    }

    @Override
    public long countByOrderId(String orderId) {
        return notifications.stream().filter(notification -> notification.orderId().equals(orderId)).count();
    }

    @Override
    public Notification save(Notification notification) {
        notifications.add(notification);
        return notification;
    }

    public List<Notification> all() {
        return List.copyOf(notifications);
    }
}
