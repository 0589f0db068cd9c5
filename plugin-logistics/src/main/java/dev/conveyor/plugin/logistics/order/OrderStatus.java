package dev.conveyor.plugin.logistics.order;

/**
 * Where an order is in the pipeline. Clients poll until it is {@linkplain #isFinal() final}: the pipeline is done with
 * it once the customer is notified, though a carrier's scan may still mark it DELIVERED later.
 */
public enum OrderStatus {
    DISPATCHED,
    SHIPPED,
    NOTIFIED,
    DELIVERED,
    REJECTED;

    public boolean isFinal() {
        return this == NOTIFIED || this == DELIVERED || this == REJECTED;
    }
}
