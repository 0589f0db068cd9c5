package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/** A logical queue and the one message type it carries. */
public record QueueDefinition(String name, MessageType<?> messageType) {

    public QueueDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(messageType, "messageType is null");
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("queue name '" + name + "' must be letters and digits, starting with a letter");
        }
    }
}
