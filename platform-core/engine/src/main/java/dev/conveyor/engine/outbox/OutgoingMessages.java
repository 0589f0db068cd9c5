package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.claim.ClaimReference;
import dev.conveyor.engine.claim.ClaimStore;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.Queue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a payload sent to a logical queue into outbox messages: one envelope, one copy per subscriber. */
public final class OutgoingMessages {

    private static final Logger log = LoggerFactory.getLogger(OutgoingMessages.class);

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
     * The outbox messages for {@code payload}, their claimed payloads stored (the handler's path: its transaction
     * is already the point of no return).
     *
     * @param correlationId the entry message's id, or {@code null} to start a new correlation with this message
     */
    public List<OutboxMessage> create(TenantTopology topology, String logicalQueue, Object payload, String source,
            String correlationId, String traceparent, Instant visibleAt) {
        Prepared prepared = prepare(topology, logicalQueue, payload, source, correlationId, traceparent, visibleAt);
        storeClaims(prepared);
        return prepared.messages();
    }

    /**
     * The outbox messages for {@code payload} without storing anything yet: a payload too large for a queue
     * message gets its claim references, and {@link #storeClaims} writes the blobs once the caller knows the
     * messages will be sent (ingest: after its Idempotency-Key check).
     *
     * @param correlationId the entry message's id, or {@code null} to start a new correlation with this message
     */
    public Prepared prepare(TenantTopology topology, String logicalQueue, Object payload, String source,
            String correlationId, String traceparent, Instant visibleAt) {
        Queue<?> queue = topology.queue(logicalQueue);
        if (!queue.messageType().javaType().isInstance(payload)) {
            throw new IllegalStateException("queue '" + logicalQueue + "' carries " + queue.messageType().name() + " ("
                    + queue.messageType().javaType().getSimpleName() + "), not " + payload.getClass().getSimpleName());
        }
        String messageId = UUID.randomUUID().toString();
        String tenantId = topology.tenant().id();
        Envelope envelope = new Envelope(messageId, queue.messageType().name(), source, clock.instant(),
                tenantId, correlationId == null ? messageId : correlationId, traceparent, null, null,
                codec.toTree(payload));
        String body = codec.encode(envelope);
        int bytes = utf8Length(body);
        if (bytes <= MAX_MESSAGE_BYTES) {
            return new Prepared(topology.deliveryQueues(logicalQueue).stream()
                    .map(queueName -> new OutboxMessage(UUID.randomUUID(), tenantId, queueName, messageId, body, visibleAt))
                    .toList(), List.of(), null);
        }
        if (claims.isEmpty() || bytes > MAX_CLAIMED_BYTES) {
            throw new MessageTooLargeException(queue.messageType().name(), bytes,
                    claims.isEmpty() ? MAX_MESSAGE_BYTES : MAX_CLAIMED_BYTES);
        }
        // The claim check: one blob per subscriber's copy, deleted when that copy has been processed. Its
        // reference is derived from the copy's own identity, which is what the consumer verifies.
        List<ClaimReference> references = topology.deliveryQueues(logicalQueue).stream()
                .map(queueName -> new ClaimReference(tenantId, messageId, queueName))
                .toList();
        List<OutboxMessage> messages = references.stream()
                .map(reference -> new OutboxMessage(UUID.randomUUID(), tenantId, reference.queueName(), messageId,
                        codec.encode(envelope.withData(null, reference.toString())), visibleAt))
                .toList();
        return new Prepared(messages, references, codec.json().writeValueAsString(envelope.data()));
    }

    /** Writes the claimed payloads of {@code prepared} (nothing when it has none). */
    public void storeClaims(Prepared prepared) {
        for (ClaimReference reference : prepared.claims()) {
            claims.orElseThrow().put(reference, prepared.claimedData());
        }
    }

    /** Deletes the claimed payloads of messages that will not be sent after all; best effort (the sweeper follows). */
    public void discardClaims(Prepared prepared) {
        for (ClaimReference reference : prepared.claims()) {
            try {
                claims.orElseThrow().delete(reference);
            } catch (RuntimeException e) {
                log.warn("could not delete unused claim blob {}; the claim sweeper will: {}", reference, e.toString());
            }
        }
    }

    /**
     * Messages for one logical queue (one per subscriber) and the claim blobs they refer to, not yet written.
     *
     * @param claimedData the payload every claim holds, or {@code null} when there are none
     */
    public record Prepared(List<OutboxMessage> messages, List<ClaimReference> claims, String claimedData) {

        public Prepared {
            messages = List.copyOf(messages);
            claims = List.copyOf(claims);
        }

        public String messageId() {
            return messages.getFirst().messageId();
        }
    }

    private static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }
}
