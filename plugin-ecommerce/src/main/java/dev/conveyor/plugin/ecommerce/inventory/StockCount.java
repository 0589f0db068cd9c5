package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

/** The numbers of one stock row as read at one moment: units on the shelf and how many of them open orders hold. */
public record StockCount(String warehouse, String sku, int onHand, int reserved) {

    public StockCount {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(sku, "sku is null");
    }

    /** Units free to reserve. */
    public int available() {
        return onHand - reserved;
    }
}
