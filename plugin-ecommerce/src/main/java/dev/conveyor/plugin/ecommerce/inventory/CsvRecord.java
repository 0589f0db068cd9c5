package dev.conveyor.plugin.ecommerce.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of an RFC 4180 CSV text, with the line it starts on. Fields may be quoted ({@code "a,b"}, with
 * {@code ""} for a quote inside); lines end with LF or CRLF; blank lines are skipped.
 */
record CsvRecord(int line, List<String> fields) {

    CsvRecord {
        fields = List.copyOf(fields);
    }

    /**
     * @throws IllegalArgumentException for a quote left open or text after a closing quote, naming the line
     */
    static List<CsvRecord> readAll(String text) {
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int index = 0;
        while (index < text.length()) {
            char c = text.charAt(index);
            if (quoted) {
                if (c == '"') {
                    if (index + 1 < text.length() && text.charAt(index + 1) == '"') {
                        field.append('"');
                        index += 2;
                        continue;
                    }
                    quoted = false;
                    index++;
                    if (index < text.length() && text.charAt(index) != ',' && text.charAt(index) != '\n' && text.charAt(index) != '\r') {
                        throw new IllegalArgumentException("text after a closing quote on line " + line + "; double a quote "
                                + "inside a quoted field (\"\")");
                    }
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                field.append(c);
                index++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (!field.isEmpty()) {
                        throw new IllegalArgumentException("a quote inside an unquoted field on line " + line + "; quote the "
                                + "whole field and double the quote (\"\")");
                    }
                    quoted = true;
                    fieldWasQuoted = true;
                    index++;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                    index++;
                }
                case '\r', '\n' -> {
                    fields.add(field.toString());
                    addUnlessBlank(records, recordLine, fields, fieldWasQuoted);
                    fields = new ArrayList<>();
                    field.setLength(0);
                    fieldWasQuoted = false;
                    index += c == '\r' && index + 1 < text.length() && text.charAt(index + 1) == '\n' ? 2 : 1;
                    line++;
                    recordLine = line;
                }
                default -> {
                    field.append(c);
                    index++;
                }
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field opened on line " + recordLine + " is never closed");
        }
        fields.add(field.toString());
        addUnlessBlank(records, recordLine, fields, fieldWasQuoted);
        return List.copyOf(records);
    }

    private static void addUnlessBlank(List<CsvRecord> records, int line, List<String> fields, boolean lastFieldQuoted) {
        boolean blank = fields.size() == 1 && fields.get(0).isBlank() && !lastFieldQuoted;
        if (!blank) {
            records.add(new CsvRecord(line, fields));
        }
    }
}
