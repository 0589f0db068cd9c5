package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** Units of a SKU to reserve in one warehouse. */
public record Allocation(String warehouse, String sku, int quantity) {

    /**
     * The order in which reservations take their row locks: every handler takes them in the same order, so two
     * orders for the same SKUs wait for each other instead of deadlocking.
     */
    public static final Comparator<Allocation> LOCK_ORDER = Comparator.comparing(Allocation::warehouse).thenComparing(Allocation::sku);

    public Allocation {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(sku, "sku is null");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity of " + sku + " in " + warehouse + " must be at least 1, was " + quantity);
        }
    }
}
