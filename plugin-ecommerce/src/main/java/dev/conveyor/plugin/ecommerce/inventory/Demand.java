package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

/** How many units of a SKU an order line wants. */
public record Demand(String sku, int quantity) {

    public Demand {
        requireNonNull(sku, "sku is null");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity of " + sku + " must be at least 1, was " + quantity);
        }
    }
}
