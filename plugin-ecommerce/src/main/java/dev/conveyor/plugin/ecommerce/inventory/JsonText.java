package dev.conveyor.plugin.ecommerce.inventory;

import java.util.Collection;
import java.util.List;

/**
 * Writes the JSON documents that carry many values in one SQL parameter ({@code jsonb_to_recordset}), so a load of
 * thousands of rows is one statement and no SQL text is built from input.
 */
final class JsonText {

    private JsonText() {
    }

    static String array(Collection<String> values) {
        StringBuilder json = new StringBuilder("[");
        for (String value : values) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, value);
        }
        return json.append(']').toString();
    }

    /** {@code [{"warehouse": …, "sku": …, "on_hand": …}, …]} */
    static String stockRows(List<StockRow> rows) {
        StringBuilder json = new StringBuilder("[");
        for (StockRow row : rows) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"warehouse\":");
            string(json, row.warehouse());
            json.append(",\"sku\":");
            string(json, row.sku());
            json.append(",\"on_hand\":").append(row.onHand()).append('}');
        }
        return json.append(']').toString();
    }

    private static void string(StringBuilder json, String value) {
        json.append('"');
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u%04x".formatted((int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
