package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
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

    private StockReserver() {
    }

    /**
     * @return the plan that was carried out (its allocations are reserved), or the lines stock cannot fill (nothing
     *         is reserved)
     * @throws IllegalStateException when stock kept changing under {@value #MAX_ATTEMPTS} plans; nothing is reserved,
     *                               and the engine retries the message later
     */
    public static ReservationPlan reserve(EntityManager entityManager, String tenantId, List<String> warehouses, List<Demand> demands) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        List<String> skus = demands.stream().map(Demand::sku).toList();
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Availability availability = Stock.availability(entityManager, tenantId, skus);
            ReservationPlan plan = ReservationPlanner.plan(warehouses, demands, availability);
            if (!(plan instanceof ReservationPlan.Fillable fillable)) {
                return plan;
            }
            if (takeAll(entityManager, tenantId, fillable.allocations())) {
                return plan;
            }
        }
        throw new IllegalStateException("the stock of SKUs " + String.join(", ", skus) + " of tenant '" + tenantId
                + "' changed under " + MAX_ATTEMPTS + " reservation plans in a row; the order will be tried again");
    }

    private static boolean takeAll(EntityManager entityManager, String tenantId, List<Allocation> allocations) {
        List<Allocation> taken = new ArrayList<>();
        for (Allocation allocation : allocations.stream().sorted(Allocation.LOCK_ORDER).toList()) {
            if (!Stock.reserve(entityManager, tenantId, allocation)) {
                for (Allocation undo : taken) {
                    Stock.release(entityManager, tenantId, undo);
                }
                return false;
            }
            taken.add(allocation);
        }
        return true;
    }
}
