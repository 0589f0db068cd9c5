package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * Exposes a queue over HTTP: {@code POST /api/v1/tenants/{tenant}/{resource}} reads the body as the queue's message
 * type, validates it (a 400 naming every broken rule) and enqueues it. Usually an entry queue; an internal one may
 * take outside events too (carrier scans on a tracking queue).
 *
 * @param access which of the tenant's API keys may post to it ({@link RouteAccess#INGEST} unless declared)
 */
public record IngestRoute<T>(String resource, Queue<T> queue, RouteAccess access) {

    public IngestRoute {
        requireNonNull(resource, "resource is null");
        requireNonNull(queue, "queue is null");
        requireNonNull(access, "access is null");
        if (!resource.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("resource '" + resource + "' must be a lower-case slug");
        }
    }

    /** A route the tenant's ingest keys may post to. */
    public static <T> IngestRoute<T> of(String resource, Queue<T> queue) {
        return new IngestRoute<>(resource, queue, RouteAccess.INGEST);
    }

    /** A route for the systems that run the tenant's business ({@link RouteAccess#OPERATIONS}), such as a carrier's scans. */
    public static <T> IngestRoute<T> forOperations(String resource, Queue<T> queue) {
        return new IngestRoute<>(resource, queue, RouteAccess.OPERATIONS);
    }
}
