package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

/** One row of a stock load: {@code index} is its place among the data rows, counted from 0, as {@code rows[index]} names it. */
public record StockRow(int index, String warehouse, String sku, int onHand) {

    public StockRow {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(sku, "sku is null");
        if (onHand < 0) {
            throw new IllegalArgumentException("onHand of " + sku + " in " + warehouse + " must be 0 or more, was " + onHand);
        }
    }
}
