package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Units free to reserve (on hand minus reserved) per warehouse and SKU, as read at one moment. */
public final class Availability {

    private final Map<String, Map<String, Integer>> byWarehouse = new HashMap<>();

    public static Availability of(List<StockCount> counts) {
        Availability availability = new Availability();
        requireNonNull(counts, "counts is null").forEach(count -> availability.put(count.warehouse(), count.sku(), count.available()));
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
