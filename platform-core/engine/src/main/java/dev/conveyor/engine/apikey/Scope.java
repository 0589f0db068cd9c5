package dev.conveyor.engine.apikey;

/** What a key may do. Platform admins do everything; the others act on their own tenant only. */
public enum Scope {
    /** Every tenant and the platform's own resources (tenants, plugins, platform keys). */
    PLATFORM_ADMIN,
    /** Its tenant: read, send, change topology and configuration, manage its keys. */
    TENANT_ADMIN,
    /**
     * Its tenant: send the events of the systems that run its business (carrier scans, appointment changes:
     * routes a plugin declares {@code RouteAccess.OPERATIONS}), which a storefront's ingest key may not.
     */
    TENANT_OPERATIONS,
    /** Its tenant: send messages only, to the routes a plugin declares for ingest (orders, appointment requests). */
    TENANT_INGEST,
    /** Its tenant: read only. */
    TENANT_READ;

    public boolean isPlatform() {
        return this == PLATFORM_ADMIN;
    }
}
