package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A plugin's own tables: its JPA entities (a persistence unit of its own, so entity names never collide with another
 * plugin's) and the Flyway location of its migrations (for example {@code classpath:db/logistics}), which run with a
 * history table of their own after the platform's. Every table with a {@code tenant_id} column gets row-level
 * security; entities extending {@link TenantScoped} have that column filled by the platform. Read and write them
 * through Spring Data repository interfaces ({@link HandlerContext#repository}) or the entity manager.
 */
public record Persistence(List<Class<?>> entities, Optional<String> migrations) {

    public Persistence {
        entities = List.copyOf(requireNonNull(entities, "entities is null"));
        requireNonNull(migrations, "migrations is null");
    }

    public static Persistence none() {
        return new Persistence(List.of(), Optional.empty());
    }

    /** The given entities, with the migrations at {@code migrations}. */
    public static Persistence of(String migrations, Class<?>... entities) {
        return new Persistence(List.of(entities), Optional.of(migrations));
    }
}
