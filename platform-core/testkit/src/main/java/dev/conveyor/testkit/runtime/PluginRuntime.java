package dev.conveyor.testkit.runtime;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.TestServices;
import dev.conveyor.testkit.unit.TestSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The engine embedded with the plugins under test, on real Postgres and Azurite ({@link TestServices}: started once
 * per JVM), for a plugin's integration tests: no HTTP server, the same tenants, queues, transactions, outbox, retries
 * and dead letters as in production. Each test makes a fresh tenant ({@link #tenant(Object)}) and drives it with the
 * scenario DSL ({@link TestTenant#ingest}, {@link Scenario#andWaitFor}).
 *
 * <pre>{@code
 * private static final PluginRuntime runtime = PluginRuntime.shared(new ClaimsPlugin());
 *
 * TestTenant tenant = runtime.tenant(Map.of("adjusters", List.of(Map.of("name", "Kim", "upTo", "HIGH"))));
 * tenant.ingest("claims", claim).andWaitFor(view("claims", "C-1"), claim -> claim.path("status").asString().equals("PAID"));
 * }</pre>
 *
 * A runtime consumes only the tenants it created, so a test may start one of its own (another clock, egress
 * allowances, a smaller pool) beside the shared one without the two taking each other's messages. As a dev
 * {@code main()}, {@link DevRuntime} runs the plugins on the class path with one tenant and a console.
 */
public final class PluginRuntime implements AutoCloseable {

    private static final Map<String, PluginRuntime> SHARED = new ConcurrentHashMap<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConveyorEngine engine;
    private final Set<String> tenants;
    private final List<DomainPlugin<?>> plugins;

    private PluginRuntime(ConveyorEngine engine, Set<String> tenants, List<DomainPlugin<?>> plugins) {
        this.engine = engine;
        this.tenants = tenants;
        this.plugins = plugins;
    }

    /**
     * The runtime of this JVM for {@code plugin} (by its class), started on first use with the defaults and closed
     * when the JVM exits. Test classes share it; each test makes tenants of its own.
     */
    public static PluginRuntime shared(DomainPlugin<?> plugin) {
        requireNonNull(plugin, "plugin is null");
        return SHARED.computeIfAbsent(plugin.getClass().getName(), name -> {
            PluginRuntime runtime = builder(plugin).start();
            Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "plugin-runtime-stop"));
            return runtime;
        });
    }

    /** A runtime of its own (close it after the tests), for settings the shared one does not have. */
    public static Builder builder(DomainPlugin<?>... plugins) {
        return new Builder(List.of(plugins));
    }

    /** A new tenant of the (only) plugin, with its default settings. */
    public TestTenant tenant() {
        return tenant(Map.of());
    }

    /**
     * A new tenant of the (only) plugin, with {@code settings}: a map of setting names to JSON values, the JSON text
     * of that object, or the plugin's settings record. Settings it leaves out take their defaults.
     *
     * @throws dev.conveyor.sdk.ValidationException naming each invalid setting at {@code config.<path>}
     */
    public TestTenant tenant(Object settings) {
        if (plugins.size() != 1) {
            throw new IllegalStateException("this runtime runs " + plugins.size() + " plugins; name one: tenant(pluginId, settings)");
        }
        return tenant(plugins.getFirst().id(), settings);
    }

    /** A new tenant of plugin {@code pluginId}; see {@link #tenant(Object)}. */
    public TestTenant tenant(String pluginId, Object settings) {
        DomainPlugin<?> plugin = plugins.stream().filter(candidate -> candidate.id().equals(pluginId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("this runtime has no plugin '" + pluginId + "' (it has: "
                        + String.join(", ", plugins.stream().map(DomainPlugin::id).toList()) + ")"));
        Map<String, Object> config = config(requireNonNull(settings, "settings is null"));
        String prefix = pluginId.length() > 12 ? pluginId.substring(0, 12) : pluginId;
        String id = (prefix.replaceAll("-+$", "") + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        // Before the create: the create starts its consumers, and this runtime consumes only its own tenants.
        tenants.add(id);
        engine.tenants().create(new TenantSpec(id, "Test tenant of " + plugin.displayName(), pluginId, config, Map.of(), null));
        return new TestTenant(engine, plugin, id, engine.plugins().settings(pluginId).bind(config));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Object settings) {
        if (settings instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (settings instanceof String json) {
            return TestSettings.parse(json);
        }
        return JSON.convertValue(settings, Map.class);
    }

    /** Stops consuming (in-flight messages get a short grace period) and closes the engine. Its tenants stay. */
    @Override
    public void close() {
        SHARED.values().remove(this);
        engine.close();
    }

    public static final class Builder {
        private final List<DomainPlugin<?>> plugins;
        private Clock clock = Clock.systemUTC();
        private List<String> egressAllow = List.of();
        private int connections = 20;

        private Builder(List<DomainPlugin<?>> plugins) {
            if (plugins.isEmpty()) {
                throw new IllegalArgumentException("a runtime needs at least one plugin");
            }
            plugins.forEach(plugin -> requireNonNull(plugin, "a plugin is null"));
            this.plugins = List.copyOf(plugins);
        }

        /** The engine's clock (a {@link dev.conveyor.services.MutableClock} makes scheduled work come due at once). */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /**
         * Addresses inside the network that calls out of the platform may reach, as an operator allows them
         * ({@code 127.0.0.1:8089} for a fake system of record on loopback); by default the internet only.
         */
        public Builder egressAllow(List<String> allow) {
            this.egressAllow = List.copyOf(requireNonNull(allow, "allow is null"));
            return this;
        }

        /** Pooled database connections for the engine (default 20). */
        public Builder connections(int connections) {
            if (connections < 2) {
                throw new IllegalArgumentException("the engine needs at least 2 connections, was " + connections);
            }
            this.connections = connections;
            return this;
        }

        public PluginRuntime start() {
            TestServices services = TestServices.get();
            DatabaseSettings database = services.database();
            Set<String> tenants = ConcurrentHashMap.newKeySet();
            List<DomainPlugin<?>> installed = new ArrayList<>(plugins);
            DatabasePools pools = new DatabaseSetup(database.jdbcUrl(), database.user(), database.password())
                    .open(installed, connections, null);
            ConveyorEngine.Builder engine = ConveyorEngine.builder()
                    .database(pools)
                    .closing(pools)
                    .storageConnectionString(services.storageConnectionString())
                    .plugins(new PluginRegistry(installed))
                    .secretsKeys(TestServices.SECRETS_KEY)
                    .clock(clock)
                    .outboxSweep(Duration.ofMillis(300), Duration.ofSeconds(1))
                    .shutdownGrace(Duration.ofSeconds(3))
                    .runsStages(stage -> tenants.contains(stage.tenantId()));
            if (!egressAllow.isEmpty()) {
                engine.egressAllow(egressAllow);
            }
            return new PluginRuntime(engine.start(), tenants, plugins);
        }
    }
}
