package dev.conveyor.engine.stream;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.Subject;
import java.time.Instant;

/**
 * One row of the {@code events} table as a stream sends it.
 *
 * @param id         the table's sequence: a stream's event id, ordering a subject's events for a {@code Last-Event-ID} resume
 * @param data       the event's data as JSON
 */
public record StreamEvent(long id, String tenantId, String type, Subject subject, String data, Instant occurredAt) {

    public StreamEvent {
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(type, "type is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(data, "data is null");
        requireNonNull(occurredAt, "occurredAt is null");
    }
}
