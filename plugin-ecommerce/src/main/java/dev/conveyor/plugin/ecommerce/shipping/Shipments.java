package dev.conveyor.plugin.ecommerce.shipping;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The tenant's parcels, and the serial their tracking numbers are drawn from. */
public interface Shipments extends Repository<Shipment, Long> {

    /** The order's parcels, in the order they were made. */
    List<Shipment> findByOrderIdOrderById(String orderId);

    boolean existsByOrderId(String orderId);

    Optional<Shipment> findByTrackingNumber(String trackingNumber);

    /** The parcel, locked until the transaction ends; lock its order first (see {@link dev.conveyor.plugin.ecommerce.order.Orders}). */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Shipment> findForUpdateByTrackingNumber(String trackingNumber);

    /**
     * The order a parcel belongs to, read without loading the parcel, so that the caller can lock the order before
     * it loads (and locks) the parcel.
     */
    @Query("select s.orderId from Shipment s where s.trackingNumber = :trackingNumber")
    Optional<String> orderIdOf(String trackingNumber);

    /**
     * The next tracking serial. The sequence is shared by all tenants because tracking numbers are unique worldwide;
     * a rolled-back transaction leaves a gap, which S10 numbers tolerate.
     */
    @Query(value = "select nextval('ecommerce_tracking_serial')", nativeQuery = true)
    long nextTrackingSerial();

    Shipment save(Shipment shipment);
}
