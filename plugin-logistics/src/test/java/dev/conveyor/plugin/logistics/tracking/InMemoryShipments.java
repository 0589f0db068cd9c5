package dev.conveyor.plugin.logistics.tracking;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Shipments} in a list, with serials counting up from the sequence's start, for handler tests. */
public final class InMemoryShipments implements Shipments {

    private final List<Shipment> shipments = new ArrayList<>();
    private long nextSerial = 10_000_000;

    @Override
    public Optional<Shipment> findByOrderId(String orderId) {
        return shipments.stream().filter(shipment -> shipment.orderId().equals(orderId)).findFirst();
    }

    @Override
    public Optional<Shipment> findByTrackingNumber(String trackingNumber) {
        return shipments.stream().filter(shipment -> shipment.trackingNumber().value().equals(trackingNumber)).findFirst();
    }

    @Override
    public Optional<Shipment> findLockedByTrackingNumber(String trackingNumber) {
        return findByTrackingNumber(trackingNumber);
    }

    @Override
    public Shipment save(Shipment shipment) {
        if (!shipments.contains(shipment)) {
            shipments.add(shipment);
        }
        return shipment;
    }

    @Override
    public long nextTrackingSerial() {
        return nextSerial++;
    }

    public List<Shipment> all() {
        return List.copyOf(shipments);
    }
}
