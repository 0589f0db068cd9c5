package dev.conveyor.plugin.ecommerce.fakes;

import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvent;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvents;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@link ShipmentEvents} over a list; ties in time keep the order of saving, as the id does. */
public final class InMemoryShipmentEvents implements ShipmentEvents {

    private final List<ShipmentEvent> events = new ArrayList<>();

    @Override
    public boolean existsByShipmentAndScanId(Shipment shipment, String scanId) {
        return events.stream().anyMatch(event -> event.shipment() == shipment && scanId.equals(event.scanId()));
    }

    @Override
    public List<ShipmentEvent> findByShipmentOrderByOccurredAtAscIdAsc(Shipment shipment) {
        return events.stream().filter(event -> event.shipment() == shipment)
                .sorted(Comparator.comparing(ShipmentEvent::occurredAt)).toList();
    }

    @Override
    public ShipmentEvent save(ShipmentEvent event) {
        events.add(event);
        return event;
    }
}
