package dev.conveyor.plugin.ecommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.ecommerce.fakes.InMemoryStock;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StockReserverTest {

    private static final List<String> EAST_THEN_WEST = List.of("east", "west");

    @Test
    void reservesEveryLineOfAFillablePlan() {
        InMemoryStock stock = new InMemoryStock("acme").with("east", "A", 5, 0).with("east", "B", 2, 1);

        ReservationPlan plan = new StockReserver(stock, "acme").reserve(EAST_THEN_WEST, List.of(new Demand("A", 2), new Demand("B", 1)));

        assertThat(plan).isInstanceOf(ReservationPlan.Fillable.class);
        assertThat(stock.all()).containsExactly(new StockCount("east", "A", 5, 2), new StockCount("east", "B", 2, 2));
    }

    @Test
    void reservesNothingForAnOrderStockCannotFill() {
        InMemoryStock stock = new InMemoryStock("acme").with("east", "A", 5, 0);

        assertThat(new StockReserver(stock, "acme").reserve(EAST_THEN_WEST, List.of(new Demand("A", 1), new Demand("B", 1))))
                .isEqualTo(new ReservationPlan.Short(List.of(new Demand("B", 1))));
        assertThat(stock.all()).containsExactly(new StockCount("east", "A", 5, 0));
    }

    @Test
    void givesBackWhatItTookAndPlansAgainWhenAnotherOrderWonTheUnits() {
        // Another order takes east's last B between this order's plan and its update: east can no longer fill the order.
        InMemoryStock stock = new InMemoryStock("acme") {
            private boolean raced;

            @Override
            public int reserve(String tenantId, String warehouse, String sku, int quantity) {
                if (!raced && sku.equals("B")) {
                    raced = true;
                    super.reserve(tenantId, warehouse, sku, 1);
                }
                return super.reserve(tenantId, warehouse, sku, quantity);
            }
        }.with("east", "A", 1, 0).with("east", "B", 1, 0).with("west", "A", 1, 0).with("west", "B", 1, 0);

        ReservationPlan plan = new StockReserver(stock, "acme").reserve(EAST_THEN_WEST, List.of(new Demand("A", 1), new Demand("B", 1)));

        assertThat(plan).isEqualTo(new ReservationPlan.Fillable(List.of(new Allocation("west", "A", 1), new Allocation("west", "B", 1))));
        assertThat(stock.all()).containsExactly(new StockCount("east", "A", 1, 0), new StockCount("east", "B", 1, 1),
                new StockCount("west", "A", 1, 1), new StockCount("west", "B", 1, 1));
    }

    @Test
    void leavesItToARetryWhenStockKeepsChanging() {
        InMemoryStock stock = new InMemoryStock("acme") {
            @Override
            public int reserve(String tenantId, String warehouse, String sku, int quantity) {
                return 0;
            }
        }.with("east", "A", 5, 0);

        assertThatThrownBy(() -> new StockReserver(stock, "acme").reserve(EAST_THEN_WEST, List.of(new Demand("A", 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the stock of SKUs A of tenant 'acme' changed under 5 reservation plans in a row; the order will be tried again");
        assertThat(stock.all()).containsExactly(new StockCount("east", "A", 5, 0));
    }
}
