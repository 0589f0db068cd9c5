package dev.conveyor.plugin.logistics.tracking;

/** Where a parcel is, as the customer is told. */
public enum ShipmentStatus {
    LABEL_CREATED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED,
    EXCEPTION
}
