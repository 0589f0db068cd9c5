package dev.conveyor.engine.envelope;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event with Conveyor's extension attributes: {@code tenant}, {@code correlationid} (shared
 * by every message descending from one entry message), W3C {@code traceparent}, and {@code expiresat} (optional:
 * after it the message is dead-lettered as expired instead of processed).
 */
public record Envelope(
        String id,
        String type,
        String source,
        Instant time,
        String tenant,
        String correlationId,
        String traceparent,
        Instant expiresAt,
        JsonNode data) {

    public Envelope {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
        requireNonNull(time, "time is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(correlationId, "correlationId is null");
        requireNonNull(data, "data is null");
    }
}
