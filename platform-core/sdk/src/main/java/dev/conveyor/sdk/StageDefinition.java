package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * A stage: consumes one logical queue, runs its handler once per message, may emit to the queues in
 * {@code emits}. {@code settings} are the plugin's defaults; operators may override them per tenant.
 */
public record StageDefinition(String name, String consumes, Set<String> emits, StageSettings settings) {

    public StageDefinition {
        requireNonNull(name, "name is null");
        requireNonNull(consumes, "consumes is null");
        emits = Set.copyOf(requireNonNull(emits, "emits is null"));
        requireNonNull(settings, "settings is null");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("stage name '" + name + "' must be a lower-case slug such as 'data-sync'");
        }
    }

    public static StageDefinition of(String name, String consumes, String... emits) {
        return new StageDefinition(name, consumes, Set.of(emits), StageSettings.defaults());
    }

    public StageDefinition withSettings(StageSettings settings) {
        return new StageDefinition(name, consumes, emits, settings);
    }
}
