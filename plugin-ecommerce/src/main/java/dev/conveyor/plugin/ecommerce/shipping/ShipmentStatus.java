package dev.conveyor.plugin.ecommerce.shipping;

import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;

/** Where a parcel is, as the customer is told. */
public enum ShipmentStatus {
    LABEL_CREATED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED,
    EXCEPTION;

    /** The status a carrier's scan reports. */
    public static ShipmentStatus scanned(UpdateKind kind) {
        return switch (kind) {
            case IN_TRANSIT -> IN_TRANSIT;
            case OUT_FOR_DELIVERY -> OUT_FOR_DELIVERY;
            case DELIVERED -> DELIVERED;
            case EXCEPTION -> EXCEPTION;
            case CONFIRMED, BACKORDERED, REJECTED, SHIPPED ->
                    throw new IllegalArgumentException(kind + " is not a carrier's scan, so it reports no parcel status");
        };
    }
}
