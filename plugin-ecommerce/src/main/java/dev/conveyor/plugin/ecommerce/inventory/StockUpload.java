package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of a stock load: CSV ({@code text/csv}, header {@code warehouse,sku,onHand}) or JSON
 * ({@code application/json}, {@code [{"warehouse": …, "sku": …, "onHand": …}]}). Every problem of every row is
 * reported at once, as {@code rows[3].onHand} (data rows counted from 0, the header not counted); CSV problems also
 * name the line of the file.
 */
public final class StockUpload {

    public static final String CSV = "text/csv";
    public static final String JSON = "application/json";
    public static final List<String> COLUMNS = List.of("warehouse", "sku", "onHand");
    public static final int MAX_ROWS = 100_000;
    public static final int MAX_ON_HAND = 1_000_000_000;

    private static final String SUBJECT = "stock load";

    private StockUpload() {
    }

    /**
     * @param warehouses the tenant's warehouses: a row naming another is refused
     * @throws ValidationException listing every problem
     */
    public static List<StockRow> parse(String contentType, String body, List<String> warehouses) {
        requireNonNull(warehouses, "warehouses is null");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        List<Violation> violations = new ArrayList<>();
        List<StockRow> rows = switch (mediaType) {
            case CSV -> readCsv(body == null ? "" : body, warehouses, violations);
            case JSON -> readJson(body == null ? "" : body, warehouses, violations);
            default -> {
                violations.add(new Violation("contentType", "must be " + CSV + " or " + JSON + ", was '"
                        + (contentType == null ? "" : abbreviate(contentType)) + "'"));
                yield List.of();
            }
        };
        if (violations.isEmpty() && rows.isEmpty()) {
            violations.add(new Violation("rows", "the load has no rows; give at least one row of warehouse, sku and onHand"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(SUBJECT, violations);
        }
        return rows;
    }

    private static List<StockRow> readCsv(String body, List<String> warehouses, List<Violation> violations) {
        List<CsvRecord> records;
        try {
            records = CsvRecord.readAll(body.startsWith("\uFEFF") ? body.substring(1) : body);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("$", "is not valid CSV: " + e.getMessage()));
            return List.of();
        }
        if (records.isEmpty()) {
            return List.of();
        }
        CsvRecord header = records.get(0);
        Map<String, Integer> columnOf = new HashMap<>();
        for (int index = 0; index < header.fields().size(); index++) {
            String name = header.fields().get(index).strip();
            String column = COLUMNS.stream().filter(known -> known.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (column == null) {
                violations.add(new Violation("header", "column '" + abbreviate(name) + "' is not one of "
                        + String.join(",", COLUMNS) + " (line " + header.line() + ")"));
            } else if (columnOf.putIfAbsent(column, index) != null) {
                violations.add(new Violation("header", "column '" + column + "' appears twice (line " + header.line() + ")"));
            }
        }
        for (String column : COLUMNS) {
            if (!columnOf.containsKey(column)) {
                violations.add(new Violation("header", "lacks column '" + column + "'; the first line must be "
                        + String.join(",", COLUMNS) + " (line " + header.line() + ")"));
            }
        }
        if (!violations.isEmpty()) {
            return List.of();
        }
        if (records.size() - 1 > MAX_ROWS) {
            violations.add(tooMany(records.size() - 1));
            return List.of();
        }
        RowChecker checker = new RowChecker(warehouses, violations);
        for (int index = 1; index < records.size(); index++) {
            CsvRecord record = records.get(index);
            int rowIndex = index - 1;
            String where = " (line " + record.line() + ")";
            if (record.fields().size() != header.fields().size()) {
                violations.add(new Violation("rows[" + rowIndex + "]", "has " + record.fields().size() + " fields, but the header has "
                        + header.fields().size() + where));
                continue;
            }
            checker.check(rowIndex, Text.of(record.fields().get(columnOf.get("warehouse"))),
                    Text.of(record.fields().get(columnOf.get("sku"))), onHandFromText(record.fields().get(columnOf.get("onHand"))),
                    where);
        }
        return checker.rows();
    }

    private static List<StockRow> readJson(String body, List<String> warehouses, List<Violation> violations) {
        Object document;
        try {
            document = JsonReader.read(body);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("$", "is not valid JSON: " + e.getMessage()));
            return List.of();
        }
        if (!(document instanceof List<?> elements)) {
            violations.add(new Violation("$", "must be a JSON array of objects with warehouse, sku and onHand"));
            return List.of();
        }
        if (elements.size() > MAX_ROWS) {
            violations.add(tooMany(elements.size()));
            return List.of();
        }
        RowChecker checker = new RowChecker(warehouses, violations);
        for (int index = 0; index < elements.size(); index++) {
            String path = "rows[" + index + "]";
            if (!(elements.get(index) instanceof Map<?, ?> row)) {
                violations.add(new Violation(path, "must be an object with warehouse, sku and onHand"));
                continue;
            }
            for (Object name : row.keySet()) {
                if (!COLUMNS.contains((String) name)) {
                    violations.add(new Violation(path + "." + abbreviate((String) name), "is not a field of a stock row (fields: "
                            + String.join(", ", COLUMNS) + ")"));
                }
            }
            checker.check(index, jsonText(row.get("warehouse")), jsonText(row.get("sku")), onHandFromJson(row.get("onHand")), "");
        }
        return checker.rows();
    }

    private static Text jsonText(Object value) {
        if (value == null || value == JsonReader.NULL) {
            return Text.MISSING;
        }
        return value instanceof String text ? Text.of(text) : Text.NOT_A_STRING;
    }

    private static OnHand onHandFromText(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            return OnHand.MISSING;
        }
        if (!value.matches("-?[0-9]{1,10}")) {
            return OnHand.invalid("'" + abbreviate(value) + "'");
        }
        return OnHand.of(Long.parseLong(value), value);
    }

    private static OnHand onHandFromJson(Object value) {
        if (value == null || value == JsonReader.NULL) {
            return OnHand.MISSING;
        }
        if (!(value instanceof BigDecimal number)) {
            return OnHand.invalid(value instanceof String text ? "the string '" + abbreviate(text) + "'" : String.valueOf(value));
        }
        if (number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            return OnHand.invalid(number.toPlainString());
        }
        if (number.abs().compareTo(BigDecimal.valueOf(10_000_000_000L)) >= 0) {
            return OnHand.invalid(abbreviate(number.toString()));
        }
        return OnHand.of(number.longValueExact(), number.toPlainString());
    }

    private static Violation tooMany(int rows) {
        return new Violation("rows", "has " + rows + " rows; load at most " + MAX_ROWS + " per request, in several requests");
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** A text field as read: its stripped value (null when missing or blank), or not text at all (a JSON number for a SKU). */
    private record Text(String value, boolean isText) {

        static final Text MISSING = new Text(null, true);
        static final Text NOT_A_STRING = new Text(null, false);

        static Text of(String value) {
            String stripped = value.strip();
            return stripped.isEmpty() ? MISSING : new Text(stripped, true);
        }
    }

    /** onHand as read: missing, not a whole number (with how it was written), or a whole number. */
    private record OnHand(boolean present, Long value, String asWritten) {

        static final OnHand MISSING = new OnHand(false, null, null);

        static OnHand invalid(String asWritten) {
            return new OnHand(true, null, asWritten);
        }

        static OnHand of(long value, String asWritten) {
            return new OnHand(true, value, asWritten);
        }
    }

    /** Checks rows one by one, collecting violations and the rows that passed. */
    private static final class RowChecker {

        private final List<String> warehouses;
        private final Set<String> known;
        private final List<Violation> violations;
        private final Map<String, Integer> firstRowOf = new HashMap<>();
        private final List<StockRow> rows = new ArrayList<>();

        RowChecker(List<String> warehouses, List<Violation> violations) {
            this.warehouses = warehouses;
            this.known = Set.copyOf(warehouses);
            this.violations = violations;
        }

        void check(int index, Text warehouseField, Text skuField, OnHand onHand, String where) {
            String path = "rows[" + index + "]";
            int before = violations.size();
            String warehouse = warehouseField.value();
            String sku = skuField.value();
            if (!warehouseField.isText()) {
                violations.add(new Violation(path + ".warehouse", "must be a string" + where));
            } else if (warehouse == null) {
                violations.add(new Violation(path + ".warehouse", "is required" + where));
            } else if (!known.contains(warehouse)) {
                violations.add(new Violation(path + ".warehouse", "'" + abbreviate(warehouse) + "' is not a warehouse of this tenant "
                        + "(warehouses: " + String.join(", ", warehouses) + "); correct the row, or add the warehouse to the "
                        + "warehouses setting first" + where));
            }
            if (!skuField.isText()) {
                violations.add(new Violation(path + ".sku", "must be a string" + where));
            } else if (sku == null) {
                violations.add(new Violation(path + ".sku", "is required" + where));
            } else if (!Sku.isValid(sku)) {
                violations.add(new Violation(path + ".sku", "must be " + Sku.RULE + ", was '" + abbreviate(sku) + "'" + where));
            }
            if (!onHand.present()) {
                violations.add(new Violation(path + ".onHand", "is required: a whole number from 0 to " + MAX_ON_HAND + where));
            } else if (onHand.value() == null || onHand.value() < 0 || onHand.value() > MAX_ON_HAND) {
                violations.add(new Violation(path + ".onHand", "must be a whole number from 0 to " + MAX_ON_HAND + ", was "
                        + onHand.asWritten() + where));
            }
            if (violations.size() > before) {
                return;
            }
            Integer first = firstRowOf.putIfAbsent(warehouse + ' ' + sku, index);
            if (first != null) {
                violations.add(new Violation(path, "repeats warehouse " + warehouse + " and sku " + sku + " of rows[" + first
                        + "]; give each pair once" + where));
                return;
            }
            rows.add(new StockRow(index, warehouse, sku, onHand.value().intValue()));
        }

        List<StockRow> rows() {
            return List.copyOf(rows);
        }
    }
}
