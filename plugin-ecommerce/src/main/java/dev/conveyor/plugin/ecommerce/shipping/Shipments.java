package dev.conveyor.plugin.ecommerce.shipping;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.ecommerce.tracking.TrackingNumber;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Looks parcels and their history up, always within one tenant, and draws tracking numbers from the shared serial. */
public final class Shipments {

    private Shipments() {
    }

    /** The order's parcels, in the order they were made. */
    public static List<Shipment> ofOrder(EntityManager entityManager, String tenantId, String orderId) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(orderId, "orderId is null");
        return entityManager.createQuery(
                        "select s from EcommerceShipment s where s.tenantId = :tenantId and s.orderId = :orderId order by s.id",
                        Shipment.class)
                .setParameter("tenantId", tenantId)
                .setParameter("orderId", orderId)
                .getResultList();
    }

    public static Optional<Shipment> find(EntityManager entityManager, String tenantId, TrackingNumber trackingNumber) {
        return query(entityManager, tenantId, trackingNumber, LockModeType.NONE);
    }

    /**
     * The parcel, locked until the transaction ends; lock its order first (see
     * {@link dev.conveyor.plugin.ecommerce.order.Orders#findForUpdate}).
     */
    public static Optional<Shipment> findForUpdate(EntityManager entityManager, String tenantId, TrackingNumber trackingNumber) {
        return query(entityManager, tenantId, trackingNumber, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The order a parcel belongs to, read without loading the parcel, so that the caller can lock the order before
     * it loads (and locks) the parcel.
     */
    public static Optional<String> orderIdOf(EntityManager entityManager, String tenantId, TrackingNumber trackingNumber) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(trackingNumber, "trackingNumber is null");
        return entityManager.createQuery(
                        "select s.orderId from EcommerceShipment s where s.tenantId = :tenantId and s.trackingNumber = :trackingNumber",
                        String.class)
                .setParameter("tenantId", tenantId)
                .setParameter("trackingNumber", trackingNumber.value())
                .getResultStream()
                .findFirst();
    }

    /** Whether the carrier's scan {@code scanId} is in the parcel's history already. */
    public static boolean hasScan(EntityManager entityManager, Shipment shipment, String scanId) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(shipment, "shipment is null");
        requireNonNull(scanId, "scanId is null");
        return entityManager.createQuery(
                        "select count(e) from EcommerceShipmentEvent e where e.tenantId = :tenantId and e.shipment = :shipment"
                                + " and e.scanId = :scanId",
                        Long.class)
                .setParameter("tenantId", shipment.tenantId())
                .setParameter("shipment", shipment)
                .setParameter("scanId", scanId)
                .getSingleResult() > 0;
    }

    /** The parcel's status history, oldest first. */
    public static List<ShipmentEvent> history(EntityManager entityManager, Shipment shipment) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(shipment, "shipment is null");
        return entityManager.createQuery(
                        "select e from EcommerceShipmentEvent e where e.tenantId = :tenantId and e.shipment = :shipment"
                                + " order by e.occurredAt, e.id",
                        ShipmentEvent.class)
                .setParameter("tenantId", shipment.tenantId())
                .setParameter("shipment", shipment)
                .getResultList();
    }

    /**
     * The next tracking number. The sequence is shared by all tenants because tracking numbers are unique worldwide;
     * a rolled-back transaction leaves a gap, which S10 numbers tolerate.
     */
    public static TrackingNumber nextTrackingNumber(EntityManager entityManager) {
        requireNonNull(entityManager, "entityManager is null");
        Number serial = (Number) entityManager.createNativeQuery("select nextval('ecommerce_tracking_serial')").getSingleResult();
        return TrackingNumber.generate(serial.longValue());
    }

    private static Optional<Shipment> query(EntityManager entityManager, String tenantId, TrackingNumber trackingNumber,
            LockModeType lockMode) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(trackingNumber, "trackingNumber is null");
        return entityManager.createQuery(
                        "select s from EcommerceShipment s where s.tenantId = :tenantId and s.trackingNumber = :trackingNumber",
                        Shipment.class)
                .setParameter("tenantId", tenantId)
                .setParameter("trackingNumber", trackingNumber.value())
                .setLockMode(lockMode)
                .getResultStream()
                .findFirst();
    }
}
