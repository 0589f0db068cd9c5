package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Reserves the stock of an order, all lines or none, inside the handler's transaction. It plans from what is free,
 * then takes each allocation with one conditional update; when another order took the units in between, it gives
 * back what it took (compensating updates in the same transaction) and plans again from the new numbers.
 */
public final class StockReserver {

    /** Plans tried before giving up to the engine's retry; each failed one means another order won the units. */
    public static final int MAX_ATTEMPTS = 5;

    private final Stock stock;
    private final String tenantId;

    public StockReserver(Stock stock, String tenantId) {
        this.stock = requireNonNull(stock, "stock is null");
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
    }

    /**
     * @return the plan that was carried out (its allocations are reserved), or the lines stock cannot fill (nothing
     *         is reserved)
     * @throws IllegalStateException when stock kept changing under {@value #MAX_ATTEMPTS} plans; nothing is reserved,
     *                               and the engine retries the message later
     */
    public ReservationPlan reserve(List<String> warehouses, List<Demand> demands) {
        List<String> skus = demands.stream().map(Demand::sku).toList();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ReservationPlan plan = ReservationPlanner.plan(warehouses, demands, Availability.of(stock.countsOf(skus)));
            if (!(plan instanceof ReservationPlan.Fillable fillable)) {
                return plan;
            }
            if (takeAll(fillable.allocations())) {
                return plan;
            }
        }
        throw new IllegalStateException("the stock of SKUs " + String.join(", ", skus) + " of tenant '" + tenantId
                + "' changed under " + MAX_ATTEMPTS + " reservation plans in a row; the order will be tried again");
    }

    private boolean takeAll(List<Allocation> allocations) {
        List<Allocation> taken = new ArrayList<>();
        for (Allocation allocation : allocations.stream().sorted(Allocation.LOCK_ORDER).toList()) {
            if (stock.reserve(tenantId, allocation.warehouse(), allocation.sku(), allocation.quantity()) != 1) {
                taken.forEach(this::release);
                return false;
            }
            taken.add(allocation);
        }
        return true;
    }

    private void release(Allocation allocation) {
        if (stock.release(tenantId, allocation.warehouse(), allocation.sku(), allocation.quantity()) != 1) {
            throw new IllegalStateException("could not release " + allocation.quantity() + " reserved units of " + allocation.sku()
                    + " in warehouse " + allocation.warehouse() + " of tenant '" + tenantId + "': fewer are reserved");
        }
    }
}
