package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** What stock can do for an order: fill every line, or not, naming the lines it cannot fill. */
public sealed interface ReservationPlan {

    /** Every line can be filled; {@code allocations} are in line order. */
    record Fillable(List<Allocation> allocations) implements ReservationPlan {

        public Fillable {
            allocations = List.copyOf(requireNonNull(allocations, "allocations is null"));
            if (allocations.isEmpty()) {
                throw new IllegalArgumentException("a fillable plan allocates at least one line");
            }
        }

        /** The warehouses the order ships from, each once, in the order of the lines. */
        public List<String> warehouses() {
            return allocations.stream().map(Allocation::warehouse).distinct().toList();
        }
    }

    /** No single warehouse holds enough of these lines. */
    record Short(List<Demand> unfilled) implements ReservationPlan {

        public Short {
            unfilled = List.copyOf(requireNonNull(unfilled, "unfilled is null"));
            if (unfilled.isEmpty()) {
                throw new IllegalArgumentException("a short plan names at least one line it cannot fill");
            }
        }

        /** For the order's reason and the customer, such as "not enough stock of SKU-2 (2 ordered), SKU-5 (1 ordered)". */
        public String reason() {
            return "not enough stock of " + String.join(", ", unfilled.stream()
                    .map(demand -> demand.sku() + " (" + demand.quantity() + " ordered)").toList());
        }
    }
}
