package dev.conveyor.plugin.logistics.order;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;

/** Looks orders up by their business key, always within one tenant. */
public final class Orders {

    private Orders() {
    }

    public static Optional<Order> find(EntityManager entityManager, String tenantId, String orderId) {
        return find(entityManager, tenantId, orderId, LockModeType.NONE);
    }

    /**
     * The order, locked until the transaction ends. Its row is written whole, so two stages that change it at once
     * (a notification and a delivery) would otherwise undo each other's change.
     */
    public static Optional<Order> findForUpdate(EntityManager entityManager, String tenantId, String orderId) {
        return find(entityManager, tenantId, orderId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Optional<Order> find(EntityManager entityManager, String tenantId, String orderId, LockModeType lockMode) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        if (orderId == null) {
            return Optional.empty();
        }
        return entityManager.createQuery(
                        "select o from LogisticsOrder o where o.tenantId = :tenantId and o.orderId = :orderId", Order.class)
                .setParameter("tenantId", tenantId)
                .setParameter("orderId", orderId)
                .setLockMode(lockMode)
                .getResultStream()
                .findFirst();
    }
}
