package dev.conveyor.plugin.ecommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class JsonReaderTest {

    @Test
    void readsEveryKindOfValue() {
        Object document = JsonReader.read(" {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}, \"d\": {}} ");

        assertThat(document).isEqualTo(Map.of(
                "a", List.of(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false, JsonReader.NULL),
                "b", Map.of("c", "x\"é\n"),
                "d", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[1,]|unexpected ']' where a value was expected (line 1, column 4)",
            "[1 2]|expected ',' or ']' but found '2' (line 1, column 4)",
            "{\"a\" 1}|expected ':' but found '1' (line 1, column 6)",
            "{\"a\":1,\"a\":2}|member 'a' appears twice in one object (line 1, column 8)",
            "[01]|expected ',' or ']' but found '1' (line 1, column 3)",
            "[1.]|a number needs a digit after '.' (line 1, column 4)",
            "\"abc|the document ends inside a string (line 1, column 5)",
            "[tru]|unexpected 't' where a value was expected (line 1, column 2)",
            "[] []|unexpected '[' after the document (line 1, column 4)",
            "|the document ends where a value was expected (line 1, column 1)",
    })
    void saysWhatIsWrongAndWhere(String text, String message) {
        assertThatThrownBy(() -> JsonReader.read(text == null ? "" : text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void countsLinesAndColumns() {
        assertThatThrownBy(() -> JsonReader.read("[\n  {\"a\": 1},\n  {\"a\": x}\n]"))
                .hasMessage("unexpected 'x' where a value was expected (line 3, column 9)");
    }

    @Test
    void refusesDocumentsNestedTooDeeply() {
        assertThatThrownBy(() -> JsonReader.read("[".repeat(100) + "]".repeat(100)))
                .hasMessageStartingWith("nested deeper than 64 levels");
    }
}
