package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * Exposes a queue over HTTP: {@code POST /api/v1/tenants/{tenant}/{resource}} validates the body against the
 * queue's message type and enqueues it. Usually an entry queue; an internal one may take outside events too
 * (carrier scans on a tracking queue).
 */
public record IngestRoute(String resource, String queue) {

    public IngestRoute {
        requireNonNull(resource, "resource is null");
        requireNonNull(queue, "queue is null");
        if (!resource.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("resource '" + resource + "' must be a lower-case slug");
        }
    }
}
