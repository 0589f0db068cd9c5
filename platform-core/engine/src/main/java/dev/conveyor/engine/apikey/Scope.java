package dev.conveyor.engine.apikey;

/** What a key may do. Platform admins do everything; the others act on their own tenant only. */
public enum Scope {
    /** Every tenant and the platform's own resources (tenants, plugins, platform keys). */
    PLATFORM_ADMIN,
    /** Its tenant: read, send, change topology and configuration, manage its keys. */
    TENANT_ADMIN,
    /** Its tenant: send messages only. */
    TENANT_INGEST,
    /** Its tenant: read only. */
    TENANT_READ;

    public boolean isPlatform() {
        return this == PLATFORM_ADMIN;
    }
}
