package dev.conveyor.plugin.ecommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

final class StockViewTest {

    @Test
    void addsUpEveryWarehouse() {
        StockView view = StockView.of("SKU-1", List.of(StockLevel.of("east", 10, 4), StockLevel.of("west", 3, 3)));

        assertThat(view.onHand()).isEqualTo(13);
        assertThat(view.reserved()).isEqualTo(7);
        assertThat(view.available()).isEqualTo(6);
        assertThat(view.warehouses()).extracting(StockLevel::available).containsExactly(6, 0);
    }

    @Test
    void refusesAKeyThatCannotBeASku() {
        assertThatThrownBy(() -> StockView.find("acme", "no such sku", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'no such sku' is not a SKU: a SKU is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter "
                        + "or digit");
    }
}
