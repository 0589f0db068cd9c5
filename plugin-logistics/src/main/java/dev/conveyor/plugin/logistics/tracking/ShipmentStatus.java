package dev.conveyor.plugin.logistics.tracking;

/** Where a parcel is, as the customer is told. */
public enum ShipmentStatus {
    /** Announced by Acme's tracking stage when it prints the label; never by a carrier. */
    LABEL_CREATED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    /** Final: no later scan moves a delivered shipment back. */
    DELIVERED,
    EXCEPTION;

    /** Whether a carrier reports this status by scanning the parcel. */
    public boolean isCarrierScan() {
        return this != LABEL_CREATED;
    }
}
