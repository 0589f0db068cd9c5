package dev.conveyor.plugin.ecommerce.tracking;

/**
 * What an order update says. The first four are Conveyor's own, about the order; the last four are carriers' scans
 * of a parcel, which also arrive from outside through the {@code tracking-events} route.
 */
public enum UpdateKind {
    CONFIRMED,
    BACKORDERED,
    REJECTED,
    SHIPPED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED,
    EXCEPTION;

    /** A carrier's scan of a parcel: it names the parcel by tracking number and carries the carrier's scan id. */
    public boolean isScan() {
        return this == IN_TRANSIT || this == OUT_FOR_DELIVERY || this == DELIVERED || this == EXCEPTION;
    }

    /** About the order as a whole, before any parcel exists: it has no tracking number. */
    public boolean isAboutOrder() {
        return this == CONFIRMED || this == BACKORDERED || this == REJECTED;
    }
}
