package dev.conveyor.engine.event;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.Subject;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records the events plugins publish ({@link dev.conveyor.sdk.HandlerContext#publish}) in the publishing handler's
 * transaction, so an event exists exactly when the handler's other effects do. Streams, webhooks and tracking pages
 * read them from the {@code events} table.
 */
public final class EventLog {

    private final JsonMapper json;
    private final Clock clock;

    public EventLog(JsonMapper json, Clock clock) {
        this.json = requireNonNull(json, "json is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Writes one event in the transaction of {@code entityManager}, scoped to {@code tenantId}.
     *
     * @throws IllegalStateException when {@code type} is not in the plugin's catalogue (a bug in the plugin)
     */
    public <T> UUID record(EntityManager entityManager, DomainPlugin<?> plugin, String tenantId, String correlationId,
            EventType<T> type, Subject subject, T data) {
        requireNonNull(type, "type is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(data, "data is null");
        if (!plugin.eventTypes().contains(type)) {
            throw new IllegalStateException("plugin '" + plugin.id() + "' published an event of type '" + type.name()
                    + "', which is not in its eventTypes(); list it there so tenants can subscribe to it");
        }
        UUID eventId = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into events (tenant_id, event_id, type, subject_kind, subject_key, data, occurred_at, correlation_id)
                values (?1, ?2, ?3, ?4, ?5, cast(?6 as jsonb), ?7, ?8)""")
                .setParameter(1, tenantId)
                .setParameter(2, eventId)
                .setParameter(3, type.name())
                .setParameter(4, subject.kind())
                .setParameter(5, subject.key())
                .setParameter(6, json.writeValueAsString(data))
                .setParameter(7, Timestamp.from(clock.instant()))
                .setParameter(8, correlationId)
                .executeUpdate();
        return eventId;
    }
}
