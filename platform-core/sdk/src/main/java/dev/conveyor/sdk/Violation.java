package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/** One broken rule: the field (JSON path such as {@code items[0].quantity}) and what is wrong with it. */
public record Violation(String field, String message) {

    public Violation {
        requireNonNull(field, "field is null");
        requireNonNull(message, "message is null");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
