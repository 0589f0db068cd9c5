package dev.conveyor.plugin.ecommerce.order;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;

/** Looks orders up by their business key, always within one tenant. */
public final class Orders {

    private Orders() {
    }

    public static Optional<Order> find(EntityManager entityManager, String tenantId, String orderId) {
        return query(entityManager, tenantId, orderId, LockModeType.NONE);
    }

    /**
     * The order, locked until the transaction ends. Handlers that change an order's shipments lock the order first,
     * always in that order, so that two of them working on the same order take turns instead of both deciding from
     * what the other has not committed yet (two parcels delivered at once must still deliver the order).
     */
    public static Optional<Order> findForUpdate(EntityManager entityManager, String tenantId, String orderId) {
        return query(entityManager, tenantId, orderId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Optional<Order> query(EntityManager entityManager, String tenantId, String orderId, LockModeType lockMode) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        if (orderId == null) {
            return Optional.empty();
        }
        return entityManager.createQuery(
                        "select o from EcommerceOrder o where o.tenantId = :tenantId and o.orderId = :orderId", Order.class)
                .setParameter("tenantId", tenantId)
                .setParameter("orderId", orderId)
                .setLockMode(lockMode)
                .getResultStream()
                .findFirst();
    }
}
