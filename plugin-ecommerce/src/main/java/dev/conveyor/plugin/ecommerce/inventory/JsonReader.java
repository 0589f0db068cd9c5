package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict RFC 8259 reader for the JSON bodies of actions, which reach the plugin as text (the plugin may not bring a
 * JSON library of its own). Objects read as {@link LinkedHashMap}, arrays as {@link List}, numbers as
 * {@link BigDecimal}, and JSON null as {@link #NULL}.
 */
final class JsonReader {

    /** JSON's null, distinct from a missing member. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int position;

    private JsonReader(String text) {
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong and where, as "line 3, column 7"
     */
    static Object read(String text) {
        JsonReader reader = new JsonReader(requireNonNull(text, "text is null"));
        reader.skipBlanks();
        Object value = reader.value(0);
        reader.skipBlanks();
        if (reader.position < text.length()) {
            throw reader.error("unexpected " + reader.describeNext() + " after the document");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " levels");
        }
        if (position >= text.length()) {
            throw error("the document ends where a value was expected");
        }
        char c = text.charAt(position);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected " + describeNext() + " where a value was expected");
            }
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        position++;
        skipBlanks();
        if (peek() == '}') {
            position++;
            return members;
        }
        while (true) {
            skipBlanks();
            if (peek() != '"') {
                throw error("expected a member name in double quotes but found " + describeNext());
            }
            int nameAt = position;
            String name = string();
            skipBlanks();
            expect(':');
            skipBlanks();
            Object value = value(depth + 1);
            if (members.putIfAbsent(name, value) != null) {
                position = nameAt;
                throw error("member '" + abbreviate(name) + "' appears twice in one object");
            }
            skipBlanks();
            char next = peek();
            position++;
            if (next == '}') {
                return members;
            }
            if (next != ',') {
                position--;
                throw error("expected ',' or '}' but found " + describeNext());
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> elements = new ArrayList<>();
        position++;
        skipBlanks();
        if (peek() == ']') {
            position++;
            return elements;
        }
        while (true) {
            skipBlanks();
            elements.add(value(depth + 1));
            skipBlanks();
            char next = peek();
            position++;
            if (next == ']') {
                return elements;
            }
            if (next != ',') {
                position--;
                throw error("expected ',' or ']' but found " + describeNext());
            }
        }
    }

    private String string() {
        position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= text.length()) {
                throw error("the document ends inside a string");
            }
            char c = text.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                position--;
                throw error("control character U+%04X inside a string; escape it".formatted((int) c));
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (position >= text.length()) {
                throw error("the document ends inside a string");
            }
            char escape = text.charAt(position++);
            switch (escape) {
                case '"', '\\', '/' -> value.append(escape);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> {
                    if (position + 4 > text.length() || !text.substring(position, position + 4).matches("[0-9A-Fa-f]{4}")) {
                        throw error("\\u must be followed by 4 hexadecimal digits");
                    }
                    value.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    position += 4;
                }
                default -> {
                    position -= 2;
                    throw error("unknown escape \\" + escape + " in a string");
                }
            }
        }
    }

    private BigDecimal number() {
        int start = position;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
        } else if (isDigit(peek())) {
            skipDigits();
        } else {
            throw error("a number needs a digit after '-'");
        }
        if (peek() == '.') {
            position++;
            if (!isDigit(peek())) {
                throw error("a number needs a digit after '.'");
            }
            skipDigits();
        }
        if (peek() == 'e' || peek() == 'E') {
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            if (!isDigit(peek())) {
                throw error("a number needs a digit in its exponent");
            }
            skipDigits();
        }
        try {
            return new BigDecimal(text.substring(start, position));
        } catch (NumberFormatException e) {
            position = start;
            throw error("the number is out of range");
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, position)) {
            throw error("unexpected " + describeNext() + " where a value was expected");
        }
        position += word.length();
        return value;
    }

    private void expect(char expected) {
        if (peek() != expected) {
            throw error("expected '" + expected + "' but found " + describeNext());
        }
        position++;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void skipBlanks() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            position++;
        }
    }

    private void skipDigits() {
        while (isDigit(peek())) {
            position++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String describeNext() {
        return position >= text.length() ? "the end of the document" : "'" + text.charAt(position) + "'";
    }

    private IllegalArgumentException error(String problem) {
        int line = 1;
        int column = 1;
        for (int index = 0; index < Math.min(position, text.length()); index++) {
            if (text.charAt(index) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new IllegalArgumentException(problem + " (line " + line + ", column " + column + ")");
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
