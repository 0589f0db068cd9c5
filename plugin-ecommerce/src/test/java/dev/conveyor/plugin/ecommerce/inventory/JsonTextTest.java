package dev.conveyor.plugin.ecommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class JsonTextTest {

    @Test
    void writesArraysOfStringsThatReadBack() {
        String json = JsonText.array(List.of("SKU-1", "a\"b\\c\u0001"));

        assertThat(json).isEqualTo("[\"SKU-1\",\"a\\\"b\\\\c\\u0001\"]");
        assertThat(JsonReader.read(json)).isEqualTo(List.of("SKU-1", "a\"b\\c\u0001"));
    }

    @Test
    void writesStockRowsForJsonbToRecordset() {
        assertThat(JsonText.stockRows(List.of(new StockRow(0, "east", "SKU-1", 10), new StockRow(1, "west", "SKU-2", 0))))
                .isEqualTo("[{\"warehouse\":\"east\",\"sku\":\"SKU-1\",\"on_hand\":10},"
                        + "{\"warehouse\":\"west\",\"sku\":\"SKU-2\",\"on_hand\":0}]");
        assertThat(JsonText.stockRows(List.of())).isEqualTo("[]");
    }
}
