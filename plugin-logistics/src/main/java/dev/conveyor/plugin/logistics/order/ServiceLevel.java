package dev.conveyor.plugin.logistics.order;

/** How fast the customer paid to receive the order. */
public enum ServiceLevel {
    STANDARD,
    EXPRESS,
    OVERNIGHT
}
