package dev.conveyor.engine.plugin;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.StageDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The installed industry plugins (found by {@link PluginDiscovery}, or given in code), checked before anything runs,
 * and the plugins that failed to install, with the reason.
 */
public final class PluginRegistry {

    /** The source of a plugin found on the platform's own class path (or given in code). */
    public static final String CLASS_PATH = "class path";

    /** Paths under /api/v1/tenants/{tenant}/ that belong to the platform, not to plugins. */
    static final List<String> RESERVED_RESOURCES = List.of("api-keys", "topology", "dead-letters", "suspend", "resume");

    private final Map<String, DomainPlugin> plugins;
    private final Map<String, String> sources;
    private final List<PluginFailure> failures;

    /** Plugins given in code (tests, benchmarks): all of them valid, or an exception listing every problem. */
    public PluginRegistry(Collection<DomainPlugin> plugins) {
        this(plugins.stream().map(plugin -> new Installed(plugin, CLASS_PATH)).toList(), List.of());
    }

    /** A plugin and where it came from. */
    record Installed(DomainPlugin plugin, String source) {
    }

    PluginRegistry(List<Installed> installed, List<PluginFailure> failures) {
        Map<String, DomainPlugin> byId = new LinkedHashMap<>();
        Map<String, String> sourceById = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Installed entry : installed) {
            DomainPlugin plugin = entry.plugin();
            if (byId.put(plugin.id(), plugin) != null) {
                problems.add("two plugins have the id '" + plugin.id() + "'");
            }
            sourceById.put(plugin.id(), entry.source());
            problems.addAll(problems(plugin));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid plugins: " + String.join("; ", problems));
        }
        this.plugins = Collections.unmodifiableMap(byId);
        this.sources = Collections.unmodifiableMap(sourceById);
        this.failures = List.copyOf(failures);
    }

    public Collection<DomainPlugin> all() {
        return plugins.values();
    }

    public Optional<DomainPlugin> find(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    public DomainPlugin get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException(notInstalled(id)));
    }

    /** Why no plugin {@code id} runs here: it failed to install (and why), or it is not installed at all. */
    public String notInstalled(String id) {
        Optional<PluginFailure> failure = failure(id);
        if (failure.isPresent()) {
            return "plugin '" + id + "' failed to install from " + failure.get().source() + ": " + failure.get().reason();
        }
        return "no plugin '" + id + "' is installed (installed: " + (plugins.isEmpty() ? "none; is its folder in the"
                + " plugins directory, or its jar on the class path, with a META-INF/services/"
                + DomainPlugin.class.getName() + " entry?" : String.join(", ", plugins.keySet())) + ")";
    }

    /** Where an installed plugin came from: {@value #CLASS_PATH} or {@code plugins/<folder>}. */
    public String source(String id) {
        String source = sources.get(id);
        if (source == null) {
            throw new IllegalArgumentException(notInstalled(id));
        }
        return source;
    }

    /** The plugins that failed to install, in the order they were found. */
    public List<PluginFailure> failures() {
        return failures;
    }

    /** Why plugin {@code id} failed to install, if it did (and no plugin of that id is installed). */
    public Optional<PluginFailure> failure(String id) {
        if (plugins.containsKey(id)) {
            return Optional.empty();
        }
        return failures.stream().filter(failure -> failure.id().equals(id)).findFirst();
    }

    /** What is wrong with a plugin's declarations, each problem a sentence; empty when nothing is. */
    static List<String> problems(DomainPlugin plugin) {
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
        List<String> resources = new ArrayList<>();
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
