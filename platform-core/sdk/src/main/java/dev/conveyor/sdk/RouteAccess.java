package dev.conveyor.sdk;

/**
 * Which of a tenant's API keys may call a plugin's route ({@link IngestRoute} or {@link Action}). A plugin declares
 * it per route, so that a key handed to one outside system reaches only what that system needs: a shop frontend's
 * key sends orders, but cannot post carrier scans or cancel appointments. The tenant's admin keys (and platform
 * admins) may call every route.
 */
public enum RouteAccess {
    /**
     * The tenant's own requests, sent by its storefront or booking site: keys with scope {@code TENANT_INGEST}
     * (and admins). The default of an ingest route.
     */
    INGEST,
    /**
     * Events from the systems that run the business, such as carriers' scans and clinics' appointment changes:
     * keys with scope {@code TENANT_OPERATIONS} (and admins), not a storefront's ingest key.
     */
    OPERATIONS,
    /** The tenant's administrators only (scope {@code TENANT_ADMIN}). The default of an action. */
    ADMIN
}
