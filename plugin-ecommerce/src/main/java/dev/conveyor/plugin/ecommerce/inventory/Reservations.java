package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import java.util.List;

/** Looks reservations up, always within one tenant. */
public final class Reservations {

    private Reservations() {
    }

    /** The order's reservations, in the order they were made. */
    public static List<Reservation> ofOrder(EntityManager entityManager, String tenantId, String orderId) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(orderId, "orderId is null");
        return entityManager.createQuery(
                        "select r from EcommerceReservation r where r.tenantId = :tenantId and r.orderId = :orderId order by r.id",
                        Reservation.class)
                .setParameter("tenantId", tenantId)
                .setParameter("orderId", orderId)
                .getResultList();
    }
}
