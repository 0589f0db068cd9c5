package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.claim.ClaimStore;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.QueueDefinition;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Turns a payload sent to a logical queue into outbox messages: one envelope, one copy per subscriber. */
public final class OutgoingMessages {

    /** Azure's limit on a message body as sent. */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;
    /** The largest payload the claim check carries. */
    public static final int MAX_CLAIMED_BYTES = 16 * 1024 * 1024;

    private final EnvelopeCodec codec;
    private final Clock clock;
    private final Optional<ClaimStore> claims;

    /**
     * @param claims where payloads too large for a queue message go; without it they are refused
     */
    public OutgoingMessages(EnvelopeCodec codec, Clock clock, Optional<ClaimStore> claims) {
        this.codec = requireNonNull(codec, "codec is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.claims = requireNonNull(claims, "claims is null");
    }

    /**
     * @param correlationId the entry message's id, or {@code null} to start a new correlation with this message
     */
    public List<OutboxMessage> create(TenantTopology topology, String logicalQueue, Object payload, String source,
            String correlationId, String traceparent, Instant visibleAt) {
        QueueDefinition queue = topology.queue(logicalQueue);
        if (!queue.messageType().javaType().isInstance(payload)) {
            throw new IllegalArgumentException("queue '" + logicalQueue + "' carries " + queue.messageType().name() + " ("
                    + queue.messageType().javaType().getSimpleName() + "), not " + payload.getClass().getSimpleName());
        }
        String messageId = UUID.randomUUID().toString();
        Envelope envelope = new Envelope(messageId, queue.messageType().name(), source, clock.instant(),
                topology.tenant().id(), correlationId == null ? messageId : correlationId, traceparent, null, null,
                codec.toTree(payload));
        String body = codec.encode(envelope);
        int bytes = utf8Length(body);
        if (bytes <= MAX_MESSAGE_BYTES) {
            return topology.deliveryQueues(logicalQueue).stream()
                    .map(queueName -> new OutboxMessage(UUID.randomUUID(), topology.tenant().id(), queueName, messageId,
                            body, visibleAt))
                    .toList();
        }
        if (claims.isEmpty() || bytes > MAX_CLAIMED_BYTES) {
            throw new MessageTooLargeException(queue.messageType().name(), bytes,
                    claims.isEmpty() ? MAX_MESSAGE_BYTES : MAX_CLAIMED_BYTES);
        }
        // The claim check: one blob per subscriber's copy, deleted when that copy has been processed.
        String data = codec.json().writeValueAsString(envelope.data());
        return topology.deliveryQueues(logicalQueue).stream()
                .map(queueName -> {
                    String reference = claims.get().put(topology.tenant().id() + "/" + messageId + "/" + queueName + ".json",
                            data);
                    return new OutboxMessage(UUID.randomUUID(), topology.tenant().id(), queueName, messageId,
                            codec.encode(envelope.withData(null, reference)), visibleAt);
                })
                .toList();
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
