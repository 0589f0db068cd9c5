package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The answer to a stock load: how many rows were set, and the warehouses they touched, in order of preference. */
public record StockLoaded(int rowsLoaded, List<String> warehouses) {

    public StockLoaded {
        warehouses = List.copyOf(requireNonNull(warehouses, "warehouses is null"));
    }
}
