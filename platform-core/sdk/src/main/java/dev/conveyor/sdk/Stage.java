package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A stage: consumes one queue, runs its {@link Handler} once per message, and may send to the queues it declares in
 * {@code emits} (sending anywhere else fails the message). {@code settings} are the plugin's defaults; operators
 * may override them per tenant.
 *
 * @param <T> the message type of the queue it consumes, which its handler must accept
 */
public record Stage<T>(String name, Queue<T> consumes, Set<Queue<?>> emits, StageSettings settings) {

    public Stage {
        requireNonNull(name, "name is null");
        requireNonNull(consumes, "consumes is null");
        emits = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(requireNonNull(emits, "emits is null")));
        requireNonNull(settings, "settings is null");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("stage name '" + name + "' must be a lower-case slug such as 'data-sync'");
        }
    }

    /** A stage with the default settings. */
    public static <T> Stage<T> of(String name, Queue<T> consumes, Queue<?>... emits) {
        return new Stage<>(name, consumes, new LinkedHashSet<>(List.of(emits)), StageSettings.defaults());
    }

    public Stage<T> withSettings(StageSettings settings) {
        return new Stage<>(name, consumes, emits, settings);
    }

    /** Whether this stage may send to {@code queue}. */
    public boolean emitsTo(String queue) {
        return emits.stream().anyMatch(emitted -> emitted.name().equals(queue));
    }
}
