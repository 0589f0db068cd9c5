package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * A logical queue and the one message type it carries. Declare each as a constant and hand it to the stages that
 * consume and emit it, to {@link IngestRoute}s and to {@link HandlerContext#send}: the compiler then checks that
 * what is sent to a queue, and what its handlers accept, is its message type. Each tenant gets its own physical
 * queue per logical queue (and per subscriber where several stages read it).
 */
public record Queue<T>(String name, MessageType<T> messageType) {

    public Queue {
        requireNonNull(name, "name is null");
        requireNonNull(messageType, "messageType is null");
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("queue name '" + name + "' must be letters and digits, starting with a letter");
        }
    }

    /** A queue named {@code name} carrying messages of type {@code typeName}, read into {@code javaType}. */
    public static <T> Queue<T> of(String name, String typeName, Class<T> javaType) {
        return new Queue<>(name, MessageType.of(typeName, javaType));
    }

    public static <T> Queue<T> of(String name, MessageType<T> messageType) {
        return new Queue<>(name, messageType);
    }
}
