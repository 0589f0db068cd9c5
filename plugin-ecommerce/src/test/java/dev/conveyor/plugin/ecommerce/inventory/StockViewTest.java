package dev.conveyor.plugin.ecommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.conveyor.plugin.ecommerce.fakes.Shop;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StockViewTest {

    private final Shop shop = new Shop();
    private final RequestContext context = shop.requesting(null, Instant.parse("2026-11-27T09:00:00Z"));

    @Test
    void addsUpEveryWarehouse() {
        StockView view = StockView.of("SKU-1", List.of(StockLevel.of("east", 10, 4), StockLevel.of("west", 3, 3)));

        assertThat(view.onHand()).isEqualTo(13);
        assertThat(view.reserved()).isEqualTo(7);
        assertThat(view.available()).isEqualTo(6);
        assertThat(view.warehouses()).extracting(StockLevel::available).containsExactly(6, 0);
    }

    @Test
    void findsTheSkuInEveryWarehouseByCode() {
        shop.stock.with("west", "SKU-1", 3, 3).with("east", "SKU-1", 10, 4).with("east", "SKU-2", 1, 0);

        assertThat(StockView.find("SKU-1", context)).contains(
                StockView.of("SKU-1", List.of(StockLevel.of("east", 10, 4), StockLevel.of("west", 3, 3))));
        assertThat(StockView.find("SKU-9", context)).isEmpty();
    }

    @Test
    void refusesAKeyThatCannotBeASku() {
        ValidationException refused = catchThrowableOfType(ValidationException.class, () -> StockView.find("no such sku", context));

        assertThat(refused.violations()).containsExactly(new Violation("sku", "'no such sku' is not a SKU: a SKU is 1 to 64 "
                + "letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
}
