package dev.conveyor.engine.plugin;

import dev.conveyor.engine.settings.SettingsModel;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The installed industry plugins (found by {@link PluginDiscovery}, or given in code), checked before anything runs,
 * and the plugins that failed to install, with the reason. Each plugin's topology, routes and settings record are
 * read once here, so the rest of the engine works from what was checked.
 */
public final class PluginRegistry {

    /** The source of a plugin found on the platform's own class path (or given in code). */
    public static final String CLASS_PATH = "class path";

    /** Paths under /api/v1/tenants/{tenant}/ that belong to the platform, not to plugins. */
    static final List<String> RESERVED_RESOURCES = List.of("api-keys", "topology", "dead-letters", "suspend", "resume",
            "outbox", "webhooks");

    private final Map<String, DomainPlugin<?>> plugins;
    private final Map<String, String> sources;
    private final Map<String, SettingsModel<?>> settings;
    private final List<PluginFailure> failures;

    /** Plugins given in code (tests, benchmarks): all of them valid, or an exception listing every problem. */
    public PluginRegistry(Collection<? extends DomainPlugin<?>> plugins) {
        this(plugins.stream().map(plugin -> new Installed(plugin, CLASS_PATH)).toList(), List.of());
    }

    /** A plugin and where it came from. */
    record Installed(DomainPlugin<?> plugin, String source) {
    }

    PluginRegistry(List<Installed> installed, List<PluginFailure> failures) {
        Map<String, DomainPlugin<?>> byId = new LinkedHashMap<>();
        Map<String, String> sourceById = new LinkedHashMap<>();
        Map<String, SettingsModel<?>> settingsById = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Installed entry : installed) {
            DomainPlugin<?> plugin = entry.plugin();
            String id = plugin.id();
            if (byId.put(id, plugin) != null) {
                problems.add("two plugins have the id '" + id + "'");
            }
            sourceById.put(id, entry.source());
            try {
                List<String> found = problems(plugin);
                problems.addAll(found);
                if (found.isEmpty()) {
                    settingsById.put(id, SettingsModel.of(plugin));
                }
            } catch (RuntimeException e) {
                problems.add("plugin '" + id + "' failed while its topology, routes or settings were read: " + e);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid plugins: " + String.join("; ", problems));
        }
        this.plugins = Collections.unmodifiableMap(byId);
        this.sources = Collections.unmodifiableMap(sourceById);
        this.settings = Map.copyOf(settingsById);
        this.failures = List.copyOf(failures);
    }

    public Collection<DomainPlugin<?>> all() {
        return plugins.values();
    }

    public Optional<DomainPlugin<?>> find(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    public DomainPlugin<?> get(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException(notInstalled(id)));
    }

    /**
     * The settings model of plugin {@code id}: its property list, secret settings, and the binding of a tenant's
     * settings into its record.
     */
    @SuppressWarnings("unchecked")
    public <S> SettingsModel<S> settings(String id) {
        SettingsModel<?> model = settings.get(id);
        if (model == null) {
            get(id);
        }
        return (SettingsModel<S>) model;
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
    static List<String> problems(DomainPlugin<?> plugin) {
        List<String> problems = new ArrayList<>();
        if (!plugin.id().matches("[a-z][a-z0-9-]{1,30}")) {
            problems.add("plugin id '" + plugin.id() + "' must be a lower-case slug of 2-31 characters");
        }
        Topology topology = plugin.topology();
        if (topology == null || topology.stages().isEmpty()) {
            problems.add("plugin '" + plugin.id() + "' declares no stages");
            return problems;
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
        Set<String> ingested = new HashSet<>();
        plugin.ingestRoutes().forEach(route -> ingested.add(route.resource()));
        plugin.actions().stream().filter(action -> ingested.contains(action.resource())).forEach(action -> problems.add(
                "plugin '" + plugin.id() + "' declares '" + action.resource() + "' both as an ingest route and an action"));
        for (IngestRoute<?> route : plugin.ingestRoutes()) {
            Optional<Queue<?>> queue = topology.queue(route.queue().name());
            if (queue.isEmpty()) {
                problems.add("plugin '" + plugin.id() + "' routes '" + route.resource() + "' to queue '"
                        + route.queue().name() + "', which its topology does not have (queues: " + String.join(", ",
                                topology.queues().stream().map(Queue::name).toList()) + ")");
            } else if (!queue.get().equals(route.queue())) {
                problems.add("plugin '" + plugin.id() + "' routes '" + route.resource() + "' to queue '"
                        + route.queue().name() + "' with message type " + route.queue().messageType().name()
                        + ", but its topology's queue carries " + queue.get().messageType().name());
            }
        }
        return problems;
    }
}
