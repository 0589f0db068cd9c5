package dev.conveyor.plugin.ecommerce.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import jakarta.persistence.EntityManager;

/** Looks notifications up, always within one tenant. */
public final class Notifications {

    private Notifications() {
    }

    /** Whether the customer was told {@code kind} about the order ({@code trackingNumber} null) or one of its parcels. */
    public static boolean exists(EntityManager entityManager, String tenantId, String orderId, UpdateKind kind, String trackingNumber) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(orderId, "orderId is null");
        requireNonNull(kind, "kind is null");
        String sameParcel = trackingNumber == null ? " and n.trackingNumber is null" : " and n.trackingNumber = :trackingNumber";
        var query = entityManager.createQuery(
                        "select count(n) from EcommerceNotification n where n.tenantId = :tenantId and n.orderId = :orderId"
                                + " and n.kind = :kind" + sameParcel,
                        Long.class)
                .setParameter("tenantId", tenantId)
                .setParameter("orderId", orderId)
                .setParameter("kind", kind);
        if (trackingNumber != null) {
            query.setParameter("trackingNumber", trackingNumber);
        }
        return query.getSingleResult() > 0;
    }

    /** How many notifications the order's customer has been sent. */
    public static long countOfOrder(EntityManager entityManager, String tenantId, String orderId) {
        requireNonNull(entityManager, "entityManager is null");
        return entityManager.createQuery(
                        "select count(n) from EcommerceNotification n where n.tenantId = :tenantId and n.orderId = :orderId", Long.class)
                .setParameter("tenantId", requireNonNull(tenantId, "tenantId is null"))
                .setParameter("orderId", requireNonNull(orderId, "orderId is null"))
                .getSingleResult();
    }
}
