package dev.conveyor.plugin.ecommerce.settings;

/** What becomes of an order that stock cannot fill. */
public enum BackorderPolicy {
    /** The order waits as BACKORDERED; the customer is told it is delayed. */
    BACKORDER,
    /** The order is REJECTED; the customer is told why. */
    REJECT
}
