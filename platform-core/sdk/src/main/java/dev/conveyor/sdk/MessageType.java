package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A message type: its CloudEvents {@code type} name, the record it maps to, and the rules a payload must
 * meet. The HTTP API refuses a payload that breaks them (a 400 naming each field); messages from foreign
 * producers reach the consuming stage unchecked, so a handler that must not trust its input calls
 * {@link #validate(Object)} itself (the logistics dispatch stage records such orders as rejected).
 */
public record MessageType<T>(String name, Class<T> javaType, Validator<T> validator) {

    public MessageType {
        requireNonNull(name, "name is null");
        requireNonNull(javaType, "javaType is null");
        requireNonNull(validator, "validator is null");
    }

    public static <T> MessageType<T> of(String name, Class<T> javaType) {
        return new MessageType<>(name, javaType, payload -> List.of());
    }

    public static <T> MessageType<T> of(String name, Class<T> javaType, Validator<T> validator) {
        return new MessageType<>(name, javaType, validator);
    }

    /** Every rule the payload breaks; empty when it is valid. */
    public List<Violation> validate(Object payload) {
        return validator.validate(javaType.cast(payload));
    }

    @FunctionalInterface
    public interface Validator<T> {
        List<Violation> validate(T payload);
    }
}
