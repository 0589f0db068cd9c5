package dev.conveyor.plugin.ecommerce.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StockUploadTest {

    private static final List<String> WAREHOUSES = List.of("east", "west");

    @Test
    void readsCsv() {
        String csv = """
                warehouse,sku,onHand
                east,SKU-1,10
                west,SKU-1,0
                east,SKU-2,7
                """;

        assertThat(StockUpload.parse("text/csv", csv, WAREHOUSES)).containsExactly(
                new StockRow(0, "east", "SKU-1", 10), new StockRow(1, "west", "SKU-1", 0), new StockRow(2, "east", "SKU-2", 7));
    }

    @Test
    void readsCsvWithCrlfQuotesBlankLinesAColumnOrderOfItsOwnAndACharset() {
        String csv = "\uFEFFsku,OnHand,warehouse\r\n\"SKU-1\",\" 10 \",east\r\n\r\nSKU-2,3,\"west\"";

        assertThat(StockUpload.parse("text/csv; charset=utf-8", csv, WAREHOUSES)).containsExactly(
                new StockRow(0, "east", "SKU-1", 10), new StockRow(1, "west", "SKU-2", 3));
    }

    @Test
    void reportsEveryBadCsvRowWithItsPathAndLine() {
        String csv = """
                warehouse,sku,onHand
                east,SKU-1,10
                north,SKU-1,5
                east,,-3
                west,bad sku,many
                east,SKU-3
                east,SKU-1,4
                west,SKU-4,1000000001
                """;

        assertThat(violations("text/csv", csv)).containsExactly(
                new Violation("rows[1].warehouse", "'north' is not a warehouse of this tenant (warehouses: east, west); correct the "
                        + "row, or add the warehouse to the warehouses setting first (line 3)"),
                new Violation("rows[2].sku", "is required (line 4)"),
                new Violation("rows[2].onHand", "must be a whole number from 0 to 1000000000, was -3 (line 4)"),
                new Violation("rows[3].sku", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, "
                        + "was 'bad sku' (line 5)"),
                new Violation("rows[3].onHand", "must be a whole number from 0 to 1000000000, was 'many' (line 5)"),
                new Violation("rows[4]", "has 2 fields, but the header has 3 (line 6)"),
                new Violation("rows[5]", "repeats warehouse east and sku SKU-1 of rows[0]; give each pair once (line 7)"),
                new Violation("rows[6].onHand", "must be a whole number from 0 to 1000000000, was 1000000001 (line 8)"));
    }

    @Test
    void reportsAMissingOnHandInCsv() {
        assertThat(violations("text/csv", "warehouse,sku,onHand\neast,SKU-1,\n")).containsExactly(
                new Violation("rows[0].onHand", "is required: a whole number from 0 to 1000000000 (line 2)"));
    }

    @Test
    void reportsEveryHeaderProblem() {
        assertThat(violations("text/csv", "warehouse,sku,count,sku\neast,SKU-1,1,x\n")).containsExactly(
                new Violation("header", "column 'count' is not one of warehouse,sku,onHand (line 1)"),
                new Violation("header", "column 'sku' appears twice (line 1)"),
                new Violation("header", "lacks column 'onHand'; the first line must be warehouse,sku,onHand (line 1)"));
    }

    @Test
    void reportsAnOpenQuote() {
        assertThat(violations("text/csv", "warehouse,sku,onHand\neast,\"SKU-1,4\n")).containsExactly(
                new Violation("$", "is not valid CSV: a quoted field opened on line 2 is never closed"));
    }

    @Test
    void readsJson() {
        String json = """
                [{"warehouse": "east", "sku": "SKU-1", "onHand": 10},
                 {"warehouse": "west", "sku": "SKU-1", "onHand": 2.0}]
                """;

        assertThat(StockUpload.parse("application/json", json, WAREHOUSES)).containsExactly(
                new StockRow(0, "east", "SKU-1", 10), new StockRow(1, "west", "SKU-1", 2));
    }

    @Test
    void reportsEveryBadJsonRowWithItsPath() {
        String json = """
                [{"warehouse": "east", "sku": "SKU-1", "onHand": 10},
                 {"warehouse": "south", "sku": "SKU-2", "onHand": 1},
                 {"sku": 42, "onHand": "7"},
                 {"warehouse": "west", "sku": "SKU-3", "onHand": 1.5, "price": 3},
                 "east,SKU-4,1",
                 {"warehouse": "west", "sku": "SKU-5", "onHand": null},
                 {"warehouse": "east", "sku": "SKU-1", "onHand": -1}]
                """;

        assertThat(violations("application/json", json)).containsExactly(
                new Violation("rows[1].warehouse", "'south' is not a warehouse of this tenant (warehouses: east, west); correct the "
                        + "row, or add the warehouse to the warehouses setting first"),
                new Violation("rows[2].warehouse", "is required"),
                new Violation("rows[2].sku", "must be a string"),
                new Violation("rows[2].onHand", "must be a whole number from 0 to 1000000000, was the string '7'"),
                new Violation("rows[3].price", "is not a field of a stock row (fields: warehouse, sku, onHand)"),
                new Violation("rows[3].onHand", "must be a whole number from 0 to 1000000000, was 1.5"),
                new Violation("rows[4]", "must be an object with warehouse, sku and onHand"),
                new Violation("rows[5].onHand", "is required: a whole number from 0 to 1000000000"),
                new Violation("rows[6].onHand", "must be a whole number from 0 to 1000000000, was -1"));
    }

    @Test
    void reportsJsonThatIsNotAnArrayOrNotJson() {
        assertThat(violations("application/json", "{\"warehouse\": \"east\"}")).containsExactly(
                new Violation("$", "must be a JSON array of objects with warehouse, sku and onHand"));
        assertThat(violations("application/json", "[{\"warehouse\": \"east\",]")).containsExactly(
                new Violation("$", "is not valid JSON: expected a member name in double quotes but found ']' (line 1, column 23)"));
    }

    @Test
    void refusesAnEmptyLoad() {
        assertThat(violations("text/csv", "warehouse,sku,onHand\n")).containsExactly(
                new Violation("rows", "the load has no rows; give at least one row of warehouse, sku and onHand"));
        assertThat(violations("application/json", "[]")).extracting(Violation::field).containsExactly("rows");
        assertThat(violations("text/csv", "")).extracting(Violation::field).containsExactly("rows");
    }

    @Test
    void refusesOtherContentTypes() {
        assertThat(violations("application/xml", "<stock/>")).containsExactly(
                new Violation("contentType", "must be text/csv or application/json, was 'application/xml'"));
        assertThat(violations(null, "x")).containsExactly(
                new Violation("contentType", "must be text/csv or application/json, was ''"));
    }

    @Test
    void namesTheLoadInTheException() {
        ValidationException exception = catchThrowableOfType(ValidationException.class,
                () -> StockUpload.parse("text/csv", "warehouse,sku,onHand\nnorth,A,1", WAREHOUSES));

        assertThat(exception.getMessage()).startsWith("stock load is invalid: rows[0].warehouse: 'north' is not a warehouse");
    }

    private static List<Violation> violations(String contentType, String body) {
        return catchThrowableOfType(ValidationException.class, () -> StockUpload.parse(contentType, body, WAREHOUSES)).violations();
    }
}
