package dev.conveyor.sdk;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An industry plugin, found by {@link java.util.ServiceLoader}. Every method but {@link #id()} and
 * {@link #topology()} has a default, so extension points added later break no plugin.
 */
public interface DomainPlugin {

    /** Stable identifier a tenant names to pick this plugin, such as {@code logistics}. Lower-case slug. */
    String id();

    /** Human-readable name for listings. */
    default String displayName() {
        return id();
    }

    /** The queues and stages this industry runs. */
    Topology topology();

    /** The handler of each stage, by stage name. Every stage of the topology must have one. */
    default Map<String, Handler<?>> handlers() {
        return Map.of();
    }

    /** JPA entity classes the plugin's handlers and views read and write. */
    default List<Class<?>> entityClasses() {
        return List.of();
    }

    /**
     * Flyway location of the plugin's own migrations (for example {@code classpath:db/logistics}). They run
     * with a history table of their own, {@code flyway_history_<id>}, after the platform's migrations.
     */
    default Optional<String> migrationsLocation() {
        return Optional.empty();
    }

    /** HTTP resources through which clients submit messages to entry queues, such as {@code orders}. */
    default List<IngestRoute> ingestRoutes() {
        return List.of();
    }

    /** Read-only views the API serves by key, such as an order by id or a shipment by tracking number. */
    default List<View> views() {
        return List.of();
    }

    /** Synchronous operations the API serves, such as loading stock from CSV. */
    default List<Action> actions() {
        return List.of();
    }

    /** The settings a tenant of this plugin may (or must) configure. */
    default List<ConfigProperty> configProperties() {
        return List.of();
    }

    /**
     * Rules across properties that types alone cannot express (types, required values and unknown names are
     * checked by the platform first). Called on every create and update of a tenant's configuration.
     */
    default List<Violation> validateConfiguration(TenantConfig config) {
        return List.of();
    }
}
