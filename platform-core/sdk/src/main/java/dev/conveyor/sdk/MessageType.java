package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * A message type: its CloudEvents {@code type} name and the record it maps to from JSON. Put Bean Validation
 * annotations ({@code @NotBlank}, {@code @Size}, {@code @Valid} on nested records and lists) on the record: the
 * platform checks them on ingest (a 400 naming each path, such as {@code items[0].quantity}) and again before a
 * handler sees a message (a dead letter naming the same paths), so a handler keeps only its domain rules. The
 * platform also derives the type's JSON Schema from the record for the API's documentation.
 *
 * @param name     versioned type name, such as {@code logistics.order.v1}
 * @param javaType the record a message of this type is read into
 */
public record MessageType<T>(String name, Class<T> javaType) {

    public MessageType {
        requireNonNull(name, "name is null");
        requireNonNull(javaType, "javaType is null");
        if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+")) {
            throw new IllegalArgumentException("message type name '" + name
                    + "' must be dotted lower-case words with a version, such as 'logistics.order.v1'");
        }
    }

    public static <T> MessageType<T> of(String name, Class<T> javaType) {
        return new MessageType<>(name, javaType);
    }
}
