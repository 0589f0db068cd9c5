package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * Exposes a queue over HTTP: {@code POST /api/v1/tenants/{tenant}/{resource}} validates the body against the
 * queue's message type and enqueues it. Usually an entry queue; an internal one may take outside events too
 * (carrier scans on a tracking queue).
 *
 * @param access which of the tenant's API keys may post to it ({@link RouteAccess#INGEST} unless declared)
 */
public record IngestRoute(String resource, String queue, RouteAccess access) {

    public IngestRoute {
        requireNonNull(resource, "resource is null");
        requireNonNull(queue, "queue is null");
        requireNonNull(access, "access is null");
        if (!resource.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("resource '" + resource + "' must be a lower-case slug");
        }
    }

    /** A route the tenant's ingest keys may post to. */
    public IngestRoute(String resource, String queue) {
        this(resource, queue, RouteAccess.INGEST);
    }
}
