package dev.conveyor.plugin.ecommerce.order;

/**
 * Where an order is: {@code RESERVED → SHIPPED → DELIVERED}, or turned down ({@code REJECTED}), or waiting for stock
 * ({@code BACKORDERED}). Clients poll until it is {@linkplain #isFinal() final}.
 */
public enum OrderStatus {
    RESERVED,
    BACKORDERED,
    REJECTED,
    SHIPPED,
    DELIVERED;

    /** Nothing more will happen to the order. A backorder is not final: it waits for stock. */
    public boolean isFinal() {
        return this == DELIVERED || this == REJECTED;
    }
}
