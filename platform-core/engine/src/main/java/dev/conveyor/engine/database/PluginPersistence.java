package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.DomainPlugin;
import java.util.List;
import java.util.Optional;

/**
 * What the platform needs to know of a plugin's own tables: its entities (a persistence unit of their own) and
 * where its migrations are, with the class loader that finds both. The one place that asks the plugin for them.
 */
record PluginPersistence(String pluginId, List<Class<?>> entities, Optional<String> migrations, ClassLoader classLoader) {

    PluginPersistence {
        requireNonNull(pluginId, "pluginId is null");
        entities = List.copyOf(requireNonNull(entities, "entities is null"));
        requireNonNull(migrations, "migrations is null");
        requireNonNull(classLoader, "classLoader is null");
    }

    static PluginPersistence of(DomainPlugin<?> plugin) {
        return new PluginPersistence(plugin.id(), plugin.persistence().entities(), plugin.persistence().migrations(),
                plugin.getClass().getClassLoader());
    }

    /** The plugin's own Flyway history table, so its versions never mix with the platform's or another plugin's. */
    String historyTable() {
        return "flyway_history_" + pluginId.replace('-', '_');
    }
}
