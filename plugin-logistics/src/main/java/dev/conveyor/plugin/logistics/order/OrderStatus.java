package dev.conveyor.plugin.logistics.order;

/** Where an order is in the pipeline. Clients poll until it is {@linkplain #isFinal() final}. */
public enum OrderStatus {
    DISPATCHED,
    SHIPPED,
    NOTIFIED,
    REJECTED;

    public boolean isFinal() {
        return this == NOTIFIED || this == REJECTED;
    }
}
