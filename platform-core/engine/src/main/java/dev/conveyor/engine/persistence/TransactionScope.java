package dev.conveyor.engine.persistence;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * The entity manager and tenant of the transaction running on this thread, so that what the platform hands plugins
 * (repositories, the tenant filled into their entities) works in that transaction without being passed it.
 */
public final class TransactionScope {

    private static final ThreadLocal<Bound> CURRENT = new ThreadLocal<>();

    private record Bound(EntityManager entityManager, String tenantId, Bound outer) {
    }

    private TransactionScope() {
    }

    /** Binds a transaction to this thread until the returned scope closes (scopes nest). */
    public static Scope bind(EntityManager entityManager, String tenantId) {
        Bound bound = new Bound(requireNonNull(entityManager, "entityManager is null"), tenantId, CURRENT.get());
        CURRENT.set(bound);
        return () -> {
            if (bound.outer() == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(bound.outer());
            }
        };
    }

    /** The entity manager of this thread's transaction, if one is running. */
    public static Optional<EntityManager> entityManager() {
        Bound bound = CURRENT.get();
        return bound == null ? Optional.empty() : Optional.of(bound.entityManager());
    }

    /** The tenant this thread's transaction acts for; empty outside one or in a platform transaction. */
    public static Optional<String> tenantId() {
        Bound bound = CURRENT.get();
        return bound == null ? Optional.empty() : Optional.ofNullable(bound.tenantId());
    }

    /** The end of a binding; closing it throws nothing. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
