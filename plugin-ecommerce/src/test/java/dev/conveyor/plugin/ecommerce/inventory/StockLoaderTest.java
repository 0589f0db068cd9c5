package dev.conveyor.plugin.ecommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.conveyor.plugin.ecommerce.fakes.InMemoryStock;
import dev.conveyor.plugin.ecommerce.fakes.Shop;
import dev.conveyor.plugin.ecommerce.settings.BackorderPolicy;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.Constraints;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StockLoaderTest {

    private static final EcommerceSettings SETTINGS = new EcommerceSettings(List.of("east", "west"), "Conveyor Parcel",
            URI.create("https://track.example.com/"), BackorderPolicy.REJECT);

    private final Shop shop = new Shop();
    private final RequestContext context = shop.requesting(SETTINGS, Instant.parse("2026-11-27T09:00:00Z"));

    @Test
    void setsOnHandPerWarehouseAndSkuKeepingWhatIsReserved() {
        shop.stock.with("east", "SKU-1", 4, 3);

        StockLoaded loaded = StockLoader.load(List.of(new StockRow("west", "SKU-1", 0), new StockRow("east", "SKU-1", 10),
                new StockRow("east", "SKU-2", 7)), context);

        assertThat(loaded).isEqualTo(new StockLoaded(3, List.of("east", "west")));
        assertThat(shop.stock.all()).containsExactly(new StockCount("east", "SKU-1", 10, 3), new StockCount("east", "SKU-2", 7, 0),
                new StockCount("west", "SKU-1", 0, 0));
    }

    @Test
    void namesEveryRowOfAnotherWarehouseAndEveryRepeatedPair() {
        List<StockRow> rows = List.of(new StockRow("east", "SKU-1", 10), new StockRow("north", "SKU-1", 5),
                new StockRow("east", "SKU-1", 4), new StockRow("west", "SKU-4", 1));

        assertThat(violations(rows)).containsExactly(
                new Violation("rows[1].warehouse", "'north' is not a warehouse of this tenant (warehouses: east, west); correct the "
                        + "row, or add the warehouse to the warehouses setting first"),
                new Violation("rows[2]", "repeats warehouse east and sku SKU-1 of rows[0]; give each pair once"));
        assertThat(shop.stock.all()).isEmpty();
    }

    @Test
    void refusesAnEmptyLoad() {
        assertThat(violations(List.of())).containsExactly(
                new Violation("rows", "the load has no rows; give at least one row of warehouse, sku and onHand"));
    }

    @Test
    void refusesACountBelowWhatOpenOrdersHoldAndLoadsNothing() {
        shop.stock.with("east", "SKU-1", 5, 4);

        ValidationException refused = catchThrowableOfType(ValidationException.class, () -> StockLoader.load(List.of(
                new StockRow("east", "SKU-2", 9), new StockRow("east", "SKU-1", 3)), context));

        assertThat(refused.getMessage()).startsWith("stock load is invalid: rows[1].onHand");
        assertThat(refused.violations()).containsExactly(new Violation("rows[1].onHand", "3 is below the 4 units of SKU-1 in "
                + "warehouse east that open orders hold; count again, or let those orders ship first"));
        assertThat(shop.stock.all()).containsExactly(new StockCount("east", "SKU-1", 5, 4));
    }

    @Test
    void givesUpWhenAnOrderReservedUnitsWhileTheLoadWasSet() {
        InMemoryStock racing = new InMemoryStock(Shop.TENANT) {
            @Override
            public int setOnHand(String tenantId, String[] warehouses, String[] skus, int[] onHands) {
                return 0;
            }
        };
        RequestContext context = new Shop(racing).requesting(SETTINGS, Instant.EPOCH);

        assertThatThrownBy(() -> StockLoader.load(List.of(new StockRow("east", "SKU-1", 1)), context))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the stock of tenant 'acme' changed while it was loaded; send the load again");
    }

    @Test
    void checksEachRowsOwnFieldsByItsAnnotations() {
        assertThat(Constraints.violations(new StockRow(" ", "bad sku", -3))).containsExactly(
                new Violation("onHand", "must be a whole number from 0 to 1000000000"),
                new Violation("sku", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"),
                new Violation("warehouse", "is required"));
        assertThat(Constraints.violations(new StockRow("east", "SKU-1", null))).containsExactly(
                new Violation("onHand", "is required: a whole number from 0 to 1000000000"));
        assertThat(Constraints.violations(new StockRow("east", "SKU-1", 1_000_000_001))).extracting(Violation::field)
                .containsExactly("onHand");
    }

    private List<Violation> violations(List<StockRow> rows) {
        return catchThrowableOfType(ValidationException.class, () -> StockLoader.load(rows, context)).violations();
    }
}
