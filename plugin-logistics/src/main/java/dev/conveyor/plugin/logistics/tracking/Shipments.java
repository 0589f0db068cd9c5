package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;

/** Looks shipments up, always within one tenant, and draws tracking numbers from the shared serial. */
public final class Shipments {

    private Shipments() {
    }

    public static Optional<Shipment> findByOrder(EntityManager entityManager, String tenantId, String orderId) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(orderId, "orderId is null");
        return entityManager.createQuery(
                        "select s from LogisticsShipment s where s.tenantId = :tenantId and s.orderId = :orderId", Shipment.class)
                .setParameter("tenantId", tenantId)
                .setParameter("orderId", orderId)
                .getResultStream()
                .findFirst();
    }

    public static Optional<Shipment> findByTrackingNumber(EntityManager entityManager, String tenantId, TrackingNumber trackingNumber) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(trackingNumber, "trackingNumber is null");
        return entityManager.createQuery(
                        "select s from LogisticsShipment s where s.tenantId = :tenantId and s.trackingNumber = :trackingNumber",
                        Shipment.class)
                .setParameter("tenantId", tenantId)
                .setParameter("trackingNumber", trackingNumber.value())
                .getResultStream()
                .findFirst();
    }

    /**
     * The shipment under {@code trackingNumber}, locked until the transaction ends: scans of one parcel are applied
     * one after the other, or two could both pass for the newest.
     */
    public static Optional<Shipment> findByTrackingNumberForUpdate(EntityManager entityManager, String tenantId,
            TrackingNumber trackingNumber) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(trackingNumber, "trackingNumber is null");
        return entityManager.createQuery(
                        "select s from LogisticsShipment s where s.tenantId = :tenantId and s.trackingNumber = :trackingNumber",
                        Shipment.class)
                .setParameter("tenantId", tenantId)
                .setParameter("trackingNumber", trackingNumber.value())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .findFirst();
    }

    /** The shipment's status history, oldest first. */
    public static List<ShipmentEvent> history(EntityManager entityManager, Shipment shipment) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(shipment, "shipment is null");
        return entityManager.createQuery(
                        "select e from LogisticsShipmentEvent e where e.tenantId = :tenantId and e.shipment = :shipment"
                                + " order by e.occurredAt, e.id",
                        ShipmentEvent.class)
                .setParameter("tenantId", shipment.tenantId())
                .setParameter("shipment", shipment)
                .getResultList();
    }

    /**
     * The next tracking number. The sequence is shared by all tenants because tracking numbers are unique
     * worldwide; a rolled-back transaction leaves a gap, which S10 numbers tolerate.
     */
    public static TrackingNumber nextTrackingNumber(EntityManager entityManager) {
        requireNonNull(entityManager, "entityManager is null");
        Number serial = (Number) entityManager.createNativeQuery("select nextval('logistics_tracking_serial')").getSingleResult();
        return TrackingNumber.generate(serial.longValue());
    }
}
