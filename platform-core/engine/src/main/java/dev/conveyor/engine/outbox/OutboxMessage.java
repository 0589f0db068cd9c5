package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** One message bound for one physical queue. A fan-out writes one per subscriber, sharing the message id. */
public record OutboxMessage(UUID id, String tenantId, String queueName, String messageId, String body, Instant visibleAt) {

    public OutboxMessage {
        requireNonNull(id, "id is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(queueName, "queueName is null");
        requireNonNull(messageId, "messageId is null");
        requireNonNull(body, "body is null");
        requireNonNull(visibleAt, "visibleAt is null");
    }
}
