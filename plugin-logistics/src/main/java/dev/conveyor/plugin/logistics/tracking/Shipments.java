package dev.conveyor.plugin.logistics.tracking;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The tenant's shipments, and the serial their tracking numbers are drawn from. */
public interface Shipments extends Repository<Shipment, Long> {

    Optional<Shipment> findByOrderId(String orderId);

    Optional<Shipment> findByTrackingNumber(String trackingNumber);

    /**
     * The shipment under {@code trackingNumber}, locked until the transaction ends: scans of one parcel are applied
     * one after the other, or two could both pass for the newest.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Shipment> findLockedByTrackingNumber(String trackingNumber);

    Shipment save(Shipment shipment);

    /**
     * The serial of the next tracking number ({@link AcmeTracking#ISSUER}). The sequence is shared by all tenants
     * because tracking numbers are unique worldwide; a rolled-back transaction leaves a gap, which S10 numbers tolerate.
     */
    @Query(value = "select nextval('logistics_tracking_serial')", nativeQuery = true)
    long nextTrackingSerial();
}
