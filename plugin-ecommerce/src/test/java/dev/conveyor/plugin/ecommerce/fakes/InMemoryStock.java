package dev.conveyor.plugin.ecommerce.fakes;

import dev.conveyor.plugin.ecommerce.inventory.Stock;
import dev.conveyor.plugin.ecommerce.inventory.StockCount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link Stock} over a map, each statement keeping its SQL's condition, for one tenant. */
public class InMemoryStock implements Stock {

    private final String tenantId;
    private final Map<String, StockCount> rows = new TreeMap<>();

    public InMemoryStock(String tenantId) {
        this.tenantId = tenantId;
    }

    public InMemoryStock with(String warehouse, String sku, int onHand, int reserved) {
        rows.put(warehouse + ' ' + sku, new StockCount(warehouse, sku, onHand, reserved));
        return this;
    }

    /** The row of {@code warehouse} and {@code sku}, or null. */
    public StockCount row(String warehouse, String sku) {
        return rows.get(warehouse + ' ' + sku);
    }

    public List<StockCount> all() {
        return List.copyOf(rows.values());
    }

    @Override
    public List<StockCount> countsOf(Collection<String> skus) {
        return rows.values().stream().filter(row -> skus.contains(row.sku()))
                .sorted(Comparator.comparing(StockCount::warehouse).thenComparing(StockCount::sku)).toList();
    }

    @Override
    public int reserve(String tenantId, String warehouse, String sku, int quantity) {
        StockCount row = rowOf(tenantId, warehouse, sku);
        if (row == null || row.available() < quantity) {
            return 0;
        }
        with(warehouse, sku, row.onHand(), row.reserved() + quantity);
        return 1;
    }

    @Override
    public int release(String tenantId, String warehouse, String sku, int quantity) {
        StockCount row = rowOf(tenantId, warehouse, sku);
        if (row == null || row.reserved() < quantity) {
            return 0;
        }
        with(warehouse, sku, row.onHand(), row.reserved() - quantity);
        return 1;
    }

    @Override
    public int ship(String tenantId, String warehouse, String sku, int quantity) {
        StockCount row = rowOf(tenantId, warehouse, sku);
        if (row == null || row.reserved() < quantity) {
            return 0;
        }
        with(warehouse, sku, row.onHand() - quantity, row.reserved() - quantity);
        return 1;
    }

    @Override
    public List<StockCount> belowReserved(String tenantId, String[] warehouses, String[] skus, int[] onHands) {
        List<StockCount> below = new ArrayList<>();
        for (int index = 0; index < warehouses.length; index++) {
            StockCount row = rowOf(tenantId, warehouses[index], skus[index]);
            if (row != null && row.reserved() > onHands[index]) {
                below.add(row);
            }
        }
        return below;
    }

    @Override
    public int setOnHand(String tenantId, String[] warehouses, String[] skus, int[] onHands) {
        int set = 0;
        for (int index = 0; index < warehouses.length; index++) {
            StockCount row = rowOf(tenantId, warehouses[index], skus[index]);
            if (row == null || row.reserved() <= onHands[index]) {
                with(warehouses[index], skus[index], onHands[index], row == null ? 0 : row.reserved());
                set++;
            }
        }
        return set;
    }

    private StockCount rowOf(String tenantId, String warehouse, String sku) {
        if (!this.tenantId.equals(tenantId)) {
            throw new IllegalStateException("stock of tenant '" + this.tenantId + "' was asked for tenant '" + tenantId + "'");
        }
        return row(warehouse, sku);
    }
}
