package dev.conveyor.engine.plugin;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.StageDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/** The installed industry plugins, found by {@link ServiceLoader} and checked before anything runs. */
public final class PluginRegistry {

    /** Paths under /api/v1/tenants/{tenant}/ that belong to the platform, not to plugins. */
    static final List<String> RESERVED_RESOURCES = List.of("api-keys", "topology", "dead-letters", "suspend", "resume");

    private final Map<String, DomainPlugin> plugins;

    public PluginRegistry(Collection<DomainPlugin> plugins) {
        Map<String, DomainPlugin> byId = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (DomainPlugin plugin : plugins) {
            if (byId.put(plugin.id(), plugin) != null) {
                problems.add("two plugins have the id '" + plugin.id() + "'");
            }
            problems.addAll(problems(plugin));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid plugins: " + String.join("; ", problems));
        }
        this.plugins = Map.copyOf(byId);
    }

    /** Every plugin on the class path. */
    public static PluginRegistry fromClassPath() {
        List<DomainPlugin> found = ServiceLoader.load(DomainPlugin.class).stream().map(ServiceLoader.Provider::get).toList();
        return new PluginRegistry(found);
    }

    public Collection<DomainPlugin> all() {
        return plugins.values();
    }

    public Optional<DomainPlugin> find(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    public DomainPlugin get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no plugin '" + id + "' is installed (installed: "
                + (plugins.isEmpty() ? "none; is its jar on the class path with a META-INF/services/"
                        + DomainPlugin.class.getName() + " entry?" : String.join(", ", plugins.keySet())) + ")"));
    }

    private static List<String> problems(DomainPlugin plugin) {
        List<String> problems = new ArrayList<>();
        if (!plugin.id().matches("[a-z][a-z0-9-]{1,30}")) {
            problems.add("plugin id '" + plugin.id() + "' must be a lower-case slug of 2-31 characters");
        }
        Set<String> stages = plugin.topology().stages().stream().map(StageDefinition::name).collect(Collectors.toSet());
        for (String stage : stages) {
            if (!plugin.handlers().containsKey(stage)) {
                problems.add("plugin '" + plugin.id() + "' has no handler for stage '" + stage + "'");
            }
        }
        for (String handled : plugin.handlers().keySet()) {
            if (!stages.contains(handled)) {
                problems.add("plugin '" + plugin.id() + "' has a handler for unknown stage '" + handled + "' (stages: "
                        + String.join(", ", stages) + ")");
            }
        }
        java.util.List<String> resources = new ArrayList<>();
        plugin.ingestRoutes().forEach(route -> resources.add(route.resource()));
        plugin.views().forEach(view -> resources.add(view.resource()));
        plugin.actions().forEach(action -> resources.add(action.resource()));
        for (String resource : resources) {
            if (RESERVED_RESOURCES.contains(resource)) {
                problems.add("plugin '" + plugin.id() + "' names a resource '" + resource + "', which the platform's API"
                        + " uses (reserved: " + String.join(", ", RESERVED_RESOURCES) + ")");
            }
        }
        for (IngestRoute route : plugin.ingestRoutes()) {
            if (plugin.topology().queue(route.queue()).isEmpty()) {
                problems.add("plugin '" + plugin.id() + "' routes '" + route.resource() + "' to undeclared queue '"
                        + route.queue() + "'");
            }
        }
        return problems;
    }
}
