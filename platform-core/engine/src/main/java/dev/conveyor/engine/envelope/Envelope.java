package dev.conveyor.engine.envelope;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event with Conveyor's extension attributes: {@code tenant}, {@code correlationid} (shared
 * by every message descending from one entry message), W3C {@code traceparent}, and {@code expiresat} (optional:
 * after it the message is dead-lettered as expired instead of processed), and {@code dataref}: when the data was
 * too large for a queue message, where it waits instead (the claim check), with {@code data} left out.
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
        String dataRef,
        JsonNode data) {

    public Envelope {
        requireNonNull(id, "id is null");
        requireNonNull(type, "type is null");
        requireNonNull(source, "source is null");
        requireNonNull(time, "time is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(correlationId, "correlationId is null");
        if (data == null && dataRef == null) {
            throw new IllegalArgumentException("an envelope needs data or a dataref");
        }
    }

    /** This envelope with its data in place (a claim resolved) or out (a claim made). */
    public Envelope withData(JsonNode newData, String newDataRef) {
        return new Envelope(id, type, source, time, tenant, correlationId, traceparent, expiresAt, newDataRef, newData);
    }
}
