package dev.conveyor.plugin.ecommerce.shipping;

import java.util.List;
import org.springframework.data.repository.Repository;

/** The status histories of the tenant's parcels. */
public interface ShipmentEvents extends Repository<ShipmentEvent, Long> {

    /** Whether the carrier's scan {@code scanId} is in the parcel's history already. */
    boolean existsByShipmentAndScanId(Shipment shipment, String scanId);

    /** The parcel's status history, oldest first. */
    List<ShipmentEvent> findByShipmentOrderByOccurredAtAscIdAsc(Shipment shipment);

    ShipmentEvent save(ShipmentEvent event);
}
