package dev.conveyor.engine.database;

/**
 * Decides when a transaction acting for a tenant may take a pooled connection: the tenant's connection budget
 * (see {@code TenantBudgets}). {@link #OPEN} admits every transaction at once.
 */
@FunctionalInterface
public interface TenantGate {

    TenantGate OPEN = tenantId -> () -> {
    };

    /** Waits for the tenant's turn, or throws when it does not come in time; closing the admission ends the turn. */
    Admission admit(String tenantId);

    /** A transaction's place in its tenant's budget. */
    interface Admission extends AutoCloseable {
        @Override
        void close();
    }
}
