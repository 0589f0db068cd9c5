package dev.conveyor.sdk;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * Base of an entity that belongs to one tenant: the platform fills {@code tenant_id} when the entity is persisted
 * (with the tenant of the transaction), and row-level security keeps every other tenant's rows out of reach.
 */
@MappedSuperclass
public abstract class TenantScoped {

    @Column(name = "tenant_id", nullable = false, updatable = false, length = 63)
    private String tenantId;

    public String tenantId() {
        return tenantId;
    }

    /**
     * Called by the platform when the entity is persisted; a tenant already set must be the transaction's.
     *
     * @throws IllegalStateException when the entity was persisted for another tenant
     */
    public final void assignTenant(String tenant) {
        if (tenantId != null && !tenantId.equals(tenant)) {
            throw new IllegalStateException("an entity of tenant '" + tenantId + "' was persisted for tenant '" + tenant + "'");
        }
        this.tenantId = tenant;
    }
}
