package dev.conveyor.engine.tenant;

/** Where a tenant is in its life: queues being made, running, stopped by an operator, or gone. */
public enum TenantStatus {
    PROVISIONING,
    ACTIVE,
    SUSPENDED,
    DELETED
}
