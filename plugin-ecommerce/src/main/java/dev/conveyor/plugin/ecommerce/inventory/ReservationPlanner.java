package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses where each line of an order comes from, given what is free in each warehouse. One parcel is cheaper than
 * several, so the first warehouse in the tenant's preference that holds the whole order fills it all; failing that,
 * each line comes whole from the first warehouse that holds it. A line is never split across warehouses. A pure
 * function: the caller reads availability, and the conditional updates that take the stock have the last word.
 */
public final class ReservationPlanner {

    private ReservationPlanner() {
    }

    /**
     * @param warehouses in order of preference
     * @param demands    the order's lines, each SKU once
     */
    public static ReservationPlan plan(List<String> warehouses, List<Demand> demands, Availability availability) {
        requireNonNull(warehouses, "warehouses is null");
        requireNonNull(demands, "demands is null");
        requireNonNull(availability, "availability is null");
        if (demands.isEmpty()) {
            throw new IllegalArgumentException("an order to plan has at least one line");
        }
        Set<String> skus = new HashSet<>();
        for (Demand demand : demands) {
            if (!skus.add(demand.sku())) {
                throw new IllegalArgumentException("SKU " + demand.sku() + " is on two lines; the order validator allows each SKU once");
            }
        }
        for (String warehouse : warehouses) {
            if (demands.stream().allMatch(demand -> availability.available(warehouse, demand.sku()) >= demand.quantity())) {
                return new ReservationPlan.Fillable(demands.stream()
                        .map(demand -> new Allocation(warehouse, demand.sku(), demand.quantity()))
                        .toList());
            }
        }
        List<Allocation> allocations = new ArrayList<>();
        List<Demand> unfilled = new ArrayList<>();
        for (Demand demand : demands) {
            Optional<String> source = warehouses.stream()
                    .filter(warehouse -> availability.available(warehouse, demand.sku()) >= demand.quantity())
                    .findFirst();
            source.ifPresentOrElse(
                    warehouse -> allocations.add(new Allocation(warehouse, demand.sku(), demand.quantity())),
                    () -> unfilled.add(demand));
        }
        return unfilled.isEmpty() ? new ReservationPlan.Fillable(allocations) : new ReservationPlan.Short(unfilled);
    }
}
