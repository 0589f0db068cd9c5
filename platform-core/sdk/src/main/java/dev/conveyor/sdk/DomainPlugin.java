package dev.conveyor.sdk;

import java.util.List;
import java.util.Optional;

/**
 * An industry plugin, found by {@link java.util.ServiceLoader} on the class path or in a {@code plugins/<id>/}
 * folder. It declares its topology, settings, persistence and HTTP routes, and builds each tenant's handlers from
 * that tenant's settings. Every method but {@link #id()}, {@link #topology()} and {@link #handlers} has a default,
 * so extension points added later break no plugin.
 *
 * @param <S> the settings record a tenant of this plugin configures ({@link NoSettings} for none)
 */
public interface DomainPlugin<S> {

    /** Stable identifier a tenant names to pick this plugin, such as {@code logistics}. Lower-case slug. */
    String id();

    /** Human-readable name for listings. */
    default String displayName() {
        return id();
    }

    /** The stages and queues this industry runs. */
    Topology topology();

    /**
     * The record a tenant's settings are read into (see {@link Setting}); the platform validates it with Bean
     * Validation and then {@link #validateSettings} on every create and update of a tenant. By default the type
     * argument the plugin class gives {@code DomainPlugin}, or {@link NoSettings}.
     */
    @SuppressWarnings("unchecked")
    default Class<S> settingsType() {
        for (Class<?> type = getClass(); type != null; type = type.getSuperclass()) {
            for (java.lang.reflect.Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof java.lang.reflect.ParameterizedType parameterized
                        && parameterized.getRawType() == DomainPlugin.class
                        && parameterized.getActualTypeArguments()[0] instanceof Class<?> settings) {
                    return (Class<S>) settings;
                }
            }
        }
        return (Class<S>) NoSettings.class;
    }

    /** Rules across settings that annotations on single components cannot express; empty when they hold. */
    default List<Violation> validateSettings(S settings) {
        return List.of();
    }

    /**
     * The handlers of one tenant's stages, one per stage of the topology, built from its settings. Called once per
     * version of the tenant's settings, not per message: handlers keep what they derive from the settings.
     */
    Handlers handlers(S settings);

    /** The plugin's entities and migrations. */
    default Persistence persistence() {
        return Persistence.none();
    }

    /** HTTP resources through which clients submit messages to queues, such as {@code orders}. */
    default List<IngestRoute<?>> ingestRoutes() {
        return List.of();
    }

    /** Read-only views the API serves by key, such as an order by id or a shipment by tracking number. */
    default List<View<?>> views() {
        return List.of();
    }

    /** Synchronous operations the API serves, such as loading stock from CSV. */
    default List<Action<?>> actions() {
        return List.of();
    }

    /**
     * How customers find a subject's tracking page without a link (a tracking number and the delivery postcode);
     * none by default, and then only signed links open it.
     */
    default Optional<TrackingLookup> trackingLookup() {
        return Optional.empty();
    }

    /**
     * The events the plugin publishes ({@link HandlerContext#publish}): the catalogue tenants subscribe webhook
     * endpoints to. Publishing a type not listed here fails the handler.
     */
    default List<EventType<?>> eventTypes() {
        return List.of();
    }
}
