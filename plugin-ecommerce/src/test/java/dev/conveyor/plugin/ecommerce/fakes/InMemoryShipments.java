package dev.conveyor.plugin.ecommerce.fakes;

import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.Shipments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Shipments} over a list, with tracking serials counting up from 12,345,678. */
public final class InMemoryShipments implements Shipments {

    private final List<Shipment> shipments = new ArrayList<>();
    private long nextSerial = 12_345_678;

    @Override
    public List<Shipment> findByOrderIdOrderById(String orderId) {
        return shipments.stream().filter(shipment -> shipment.orderId().equals(orderId)).toList();
    }

    @Override
    public boolean existsByOrderId(String orderId) {
        return !findByOrderIdOrderById(orderId).isEmpty();
    }

    @Override
    public Optional<Shipment> findByTrackingNumber(String trackingNumber) {
        return shipments.stream().filter(shipment -> shipment.trackingNumber().equals(trackingNumber)).findFirst();
    }

    @Override
    public Optional<Shipment> findForUpdateByTrackingNumber(String trackingNumber) {
        return findByTrackingNumber(trackingNumber);
    }

    @Override
    public Optional<String> orderIdOf(String trackingNumber) {
        return findByTrackingNumber(trackingNumber).map(Shipment::orderId);
    }

    @Override
    public long nextTrackingSerial() {
        return nextSerial++;
    }

    @Override
    public Shipment save(Shipment shipment) {
        if (!shipments.contains(shipment)) {
            shipments.add(shipment);
        }
        return shipment;
    }

    public List<Shipment> all() {
        return List.copyOf(shipments);
    }
}
