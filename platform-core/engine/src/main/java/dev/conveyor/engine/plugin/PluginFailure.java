package dev.conveyor.engine.plugin;

import static java.util.Objects.requireNonNull;

/**
 * A plugin that could not be installed, and why; its tenants do not run until it is fixed and the server restarted.
 *
 * @param id     the plugin's id, or, when it failed before saying it, the name of its folder (folders are named after
 *               the plugin they hold)
 * @param source where it came from: {@value PluginRegistry#CLASS_PATH} or {@code plugins/<folder>}
 * @param reason a sentence naming what failed and, where known, the fix
 */
public record PluginFailure(String id, String source, String reason) {

    public PluginFailure {
        requireNonNull(id, "id is null");
        requireNonNull(source, "source is null");
        requireNonNull(reason, "reason is null");
    }
}
