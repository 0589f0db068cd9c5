package dev.conveyor.plugin.ecommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class ReservationPlannerTest {

    private static final List<String> EAST_THEN_WEST = List.of("east", "west");

    @Test
    void fillsTheWholeOrderFromThePreferredWarehouseThatHoldsIt() {
        Availability availability = new Availability()
                .put("east", "A", 5).put("east", "B", 5)
                .put("west", "A", 9).put("west", "B", 9);

        assertThat(ReservationPlanner.plan(EAST_THEN_WEST, List.of(new Demand("A", 2), new Demand("B", 5)), availability))
                .isEqualTo(new ReservationPlan.Fillable(List.of(new Allocation("east", "A", 2), new Allocation("east", "B", 5))));
    }

    @Test
    void prefersOneLessPreferredWarehouseForTheWholeOrderOverSplittingIt() {
        Availability availability = new Availability()
                .put("east", "A", 5)
                .put("west", "A", 5).put("west", "B", 5);

        ReservationPlan plan = ReservationPlanner.plan(EAST_THEN_WEST, List.of(new Demand("A", 1), new Demand("B", 1)), availability);

        assertThat(plan).isEqualTo(new ReservationPlan.Fillable(List.of(new Allocation("west", "A", 1), new Allocation("west", "B", 1))));
        assertThat(((ReservationPlan.Fillable) plan).warehouses()).containsExactly("west");
    }

    @Test
    void splitsByLineInPreferenceOrderWhenNoWarehouseHoldsTheWholeOrder() {
        Availability availability = new Availability()
                .put("east", "A", 5).put("east", "B", 0).put("east", "C", 1)
                .put("west", "B", 3).put("west", "C", 7);

        ReservationPlan plan = ReservationPlanner.plan(EAST_THEN_WEST,
                List.of(new Demand("A", 5), new Demand("B", 3), new Demand("C", 2)), availability);

        assertThat(plan).isEqualTo(new ReservationPlan.Fillable(List.of(
                new Allocation("east", "A", 5), new Allocation("west", "B", 3), new Allocation("west", "C", 2))));
        assertThat(((ReservationPlan.Fillable) plan).warehouses()).containsExactly("east", "west");
    }

    @Test
    void neverSplitsALineAcrossWarehouses() {
        Availability availability = new Availability().put("east", "A", 2).put("west", "A", 2);

        assertThat(ReservationPlanner.plan(EAST_THEN_WEST, List.of(new Demand("A", 3)), availability))
                .isEqualTo(new ReservationPlan.Short(List.of(new Demand("A", 3))));
    }

    @Test
    void namesEveryLineNoWarehouseCanFill() {
        Availability availability = new Availability().put("east", "A", 1).put("west", "C", 1);

        ReservationPlan plan = ReservationPlanner.plan(EAST_THEN_WEST,
                List.of(new Demand("A", 1), new Demand("B", 2), new Demand("C", 4)), availability);

        assertThat(plan).isEqualTo(new ReservationPlan.Short(List.of(new Demand("B", 2), new Demand("C", 4))));
        assertThat(((ReservationPlan.Short) plan).reason()).isEqualTo("not enough stock of B (2 ordered), C (4 ordered)");
    }

    @Test
    void ignoresWarehousesTheTenantNoLongerConfigures() {
        Availability availability = new Availability().put("north", "A", 100);

        assertThat(ReservationPlanner.plan(EAST_THEN_WEST, List.of(new Demand("A", 1)), availability))
                .isInstanceOf(ReservationPlan.Short.class);
    }

    @Test
    void takesTheLastUnitButNoMore() {
        Availability availability = new Availability().put("east", "A", 3);

        assertThat(ReservationPlanner.plan(EAST_THEN_WEST, List.of(new Demand("A", 3)), availability))
                .isInstanceOf(ReservationPlan.Fillable.class);
        assertThat(ReservationPlanner.plan(EAST_THEN_WEST, List.of(new Demand("A", 4)), availability))
                .isInstanceOf(ReservationPlan.Short.class);
    }

    @Test
    void refusesASkuOnTwoLines() {
        assertThatThrownBy(() -> ReservationPlanner.plan(EAST_THEN_WEST, List.of(new Demand("A", 1), new Demand("A", 2)),
                new Availability()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SKU A is on two lines");
    }

    @Test
    void locksRowsByWarehouseThenSku() {
        List<Allocation> allocations = List.of(new Allocation("west", "A", 1), new Allocation("east", "B", 1),
                new Allocation("east", "A", 1));

        assertThat(allocations.stream().sorted(Allocation.LOCK_ORDER).toList()).containsExactly(
                new Allocation("east", "A", 1), new Allocation("east", "B", 1), new Allocation("west", "A", 1));
    }
}
