package dev.conveyor.plugin.logistics.order;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import java.util.Optional;

/** Looks orders up by their business key, always within one tenant. */
public final class Orders {

    private Orders() {
    }

    public static Optional<Order> find(EntityManager entityManager, String tenantId, String orderId) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        if (orderId == null) {
            return Optional.empty();
        }
        return entityManager.createQuery(
                        "select o from LogisticsOrder o where o.tenantId = :tenantId and o.orderId = :orderId", Order.class)
                .setParameter("tenantId", tenantId)
                .setParameter("orderId", orderId)
                .getResultStream()
                .findFirst();
    }
}
