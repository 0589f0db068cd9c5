package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;

/** Units free to reserve (on hand minus reserved) per warehouse and SKU, as read at one moment. */
public final class Availability {

    private final Map<String, Map<String, Integer>> byWarehouse = new HashMap<>();

    public static Availability of(Map<String, Map<String, Integer>> byWarehouse) {
        Availability availability = new Availability();
        requireNonNull(byWarehouse, "byWarehouse is null").forEach((warehouse, bySku) ->
                bySku.forEach((sku, available) -> availability.put(warehouse, sku, available)));
        return availability;
    }

    public Availability put(String warehouse, String sku, int available) {
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(sku, "sku is null");
        byWarehouse.computeIfAbsent(warehouse, key -> new HashMap<>()).put(sku, available);
        return this;
    }

    /** Free units of {@code sku} in {@code warehouse}; 0 where the warehouse never stocked it. */
    public int available(String warehouse, String sku) {
        return byWarehouse.getOrDefault(warehouse, Map.of()).getOrDefault(sku, 0);
    }
}
