package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

/** Units of one SKU in one warehouse: on the shelf, held by open orders, and free to order. */
public record StockLevel(String warehouse, int onHand, int reserved, int available) {

    public StockLevel {
        requireNonNull(warehouse, "warehouse is null");
    }

    public static StockLevel of(String warehouse, int onHand, int reserved) {
        return new StockLevel(warehouse, onHand, reserved, onHand - reserved);
    }

    public static StockLevel of(StockCount count) {
        return of(count.warehouse(), count.onHand(), count.reserved());
    }
}
