package dev.conveyor.plugin.logistics.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import dev.conveyor.plugin.logistics.tracking.TrackingNumber;
import jakarta.persistence.EntityManager;

/** Looks notifications up, always within one tenant. */
public final class Notifications {

    private Notifications() {
    }

    public static boolean exists(EntityManager entityManager, String tenantId, TrackingNumber trackingNumber, ShipmentStatus status) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(trackingNumber, "trackingNumber is null");
        requireNonNull(status, "status is null");
        return entityManager.createQuery(
                        "select count(n) from LogisticsNotification n where n.tenantId = :tenantId"
                                + " and n.trackingNumber = :trackingNumber and n.status = :status",
                        Long.class)
                .setParameter("tenantId", tenantId)
                .setParameter("trackingNumber", trackingNumber.value())
                .setParameter("status", status)
                .getSingleResult() > 0;
    }
}
