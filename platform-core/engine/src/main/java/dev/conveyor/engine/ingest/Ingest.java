package dev.conveyor.engine.ingest;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.Hashing;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.GroupCommit;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.OutboxMessage;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.telemetry.MessageTracing;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.OnIngest;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import io.opentelemetry.api.trace.Span;
import jakarta.persistence.EntityManager;
import jakarta.validation.groups.Default;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

/**
 * Accepts a payload for a queue: reads it into the queue's record and checks its Bean Validation rules, then writes it to the
 * outbox in a transaction that also records the Idempotency-Key, so a retried request returns the first answer
 * and a crash after commit still delivers the message (the sweeper sends it). Messages of one tenant accepted at the
 * same time share that transaction ({@link GroupCommit}). Accepting waits on the queue
 * service for a short deadline at most; the send goes on behind the answer.
 */
public final class Ingest {

    private static final Logger log = LoggerFactory.getLogger(Ingest.class);

    private final Database database;
    private final EnvelopeCodec codec;
    private final OutgoingMessages outgoing;
    private final Outbox outbox;
    private final Clock clock;
    private final Duration sendDeadline;
    private final BeanValidation validation;
    /**
     * Per tenant, the group commits of accepted messages: requests accepted at the same time share a transaction. API
     * requests have their own (their transactions take the request pools, with their deadlines and breaker).
     */
    private final Map<String, GroupCommit> acceptances = new ConcurrentHashMap<>();

    /**
     * @param sendDeadline how long an accepted message's send to the queue may hold the caller; after it, the send
     *                     goes on behind the answer
     */
    private final MessageTracing tracing;

    public Ingest(Database database, EnvelopeCodec codec, OutgoingMessages outgoing, Outbox outbox, Clock clock,
            Duration sendDeadline, BeanValidation validation, MessageTracing tracing) {
        this.tracing = requireNonNull(tracing, "tracing is null");
        this.database = requireNonNull(database, "database is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.outgoing = requireNonNull(outgoing, "outgoing is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sendDeadline = requireNonNull(sendDeadline, "sendDeadline is null");
        this.validation = requireNonNull(validation, "validation is null");
    }

    /**
     * @throws ValidationException      when the JSON does not map to the type or breaks its rules
     * @throws IdempotencyConflictException when the key was used before with another body
     */
    public Accepted accept(TenantTopology topology, String logicalQueue, String json, Optional<String> idempotencyKey) {
        return accept(check(topology, logicalQueue, json), idempotencyKey);
    }

    /** A payload read into its queue's record and checked against its rules: what {@link #accept} takes in. */
    public record CheckedMessage(TenantTopology topology, String logicalQueue, String json, Object payload) {
    }

    /**
     * Reads the payload into the queue's record and checks its rules, touching neither Postgres nor the queue service:
     * work bounded by the request's size, which a caller can do before any deadline on dependencies starts (a
     * malformed request then gets its 400 however slow the database is).
     *
     * @throws ValidationException when the JSON does not map to the type or breaks its rules
     */
    public CheckedMessage check(TenantTopology topology, String logicalQueue, String json) {
        MessageType<?> type = topology.queue(logicalQueue).messageType();
        Object payload = parse(type, json);
        // A client's message meets the default rules and those its type keeps for messages posted from outside.
        List<Violation> violations = validation.violations(payload, "", Default.class, OnIngest.class);
        if (!violations.isEmpty()) {
            throw new ValidationException(type.name(), violations);
        }
        return new CheckedMessage(topology, logicalQueue, json, payload);
    }

    /**
     * Writes a checked message to the outbox with its Idempotency-Key and sends it within the send deadline.
     *
     * @throws IdempotencyConflictException when the key was used before with another body
     */
    public Accepted accept(CheckedMessage message, Optional<String> idempotencyKey) {
        // The entry message's send is a span of the HTTP request's trace; its context travels in the envelope.
        Span send = tracing.startSend(message.topology().tenant().id(), message.logicalQueue());
        try {
            return accept(message, idempotencyKey, MessageTracing.traceparent(send));
        } finally {
            send.end();
        }
    }

    private Accepted accept(CheckedMessage message, Optional<String> idempotencyKey, String traceparent) {
        TenantTopology topology = message.topology();
        String logicalQueue = message.logicalQueue();
        String json = message.json();
        Object payload = message.payload();
        String tenantId = topology.tenant().id();
        String requestHash = Hashing.sha256Hex(logicalQueue + "\n" + json);
        OutgoingMessages.Prepared prepared = outgoing.prepare(topology, logicalQueue, payload,
                "/tenants/" + tenantId + "/api", null, traceparent, clock.instant());
        List<OutboxMessage> messages = prepared.messages();
        String messageId = prepared.messageId();
        if (!prepared.claims().isEmpty()) {
            // Claim blobs are written only for a request that will be taken: a repeated one answers before any upload.
            Optional<String> repeated = idempotencyKey.flatMap(key -> database.inTenantTransaction(tenantId,
                    entityManager -> earlierAnswer(entityManager, tenantId, key, requestHash)));
            if (repeated.isPresent()) {
                return new Accepted(repeated.get(), logicalQueue, true);
            }
            outgoing.storeClaims(prepared);
        }
        Optional<String> earlier;
        try {
            earlier = acceptances(tenantId).run(entityManager -> {
                if (idempotencyKey.isPresent()) {
                    boolean first = entityManager.createNativeQuery("""
                            insert into idempotency_key (tenant_id, key, request_hash, message_id) values (?1, ?2, ?3, ?4)
                            on conflict do nothing""")
                            .setParameter(1, tenantId)
                            .setParameter(2, idempotencyKey.get())
                            .setParameter(3, requestHash)
                            .setParameter(4, messageId)
                            .executeUpdate() == 1;
                    if (!first) {
                        return earlierAnswer(entityManager, tenantId, idempotencyKey.get(), requestHash);
                    }
                }
                outbox.write(entityManager, messages);
                return Optional.<String>empty();
            });
        } catch (RuntimeException e) {
            outgoing.discardClaims(prepared);
            throw e;
        }
        if (earlier.isPresent()) {
            outgoing.discardClaims(prepared); // a concurrent twin of this request took the key first
            return new Accepted(earlier.get(), logicalQueue, true);
        }
        // The message is safe in the outbox: the send gets a short deadline, then goes on behind the answer (and the
        // sweeper sends it if that fails), so a slow or absent queue service never holds an ingest request longer.
        try {
            outbox.publishInBackground(messages).get(sendDeadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.info("message {}: the queue service did not take it within {} ms; accepted, it is sent when it does",
                    messageId, sendDeadline.toMillis());
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing never completes its future exceptionally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Accepted(messageId, logicalQueue, false);
    }

    private GroupCommit acceptances(String tenantId) {
        boolean serving = Database.isServingRequest();
        return acceptances.computeIfAbsent((serving ? "request " : "engine ") + tenantId, key -> new GroupCommit(work -> {
            try (Database.RequestScope scope = serving ? Database.servingRequest() : () -> {
            }) {
                database.inTenantTransaction(tenantId, entityManager -> {
                    work.accept(entityManager);
                    return null;
                });
            }
        }, "ingest-" + tenantId));
    }

    /**
     * The message id a request with this Idempotency-Key was given before, if any.
     *
     * @throws IdempotencyConflictException when that request had another body
     */
    private static Optional<String> earlierAnswer(EntityManager entityManager, String tenantId, String key,
            String requestHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select request_hash, message_id from idempotency_key where tenant_id = ?1 and key = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, key)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!requestHash.equals(rows.getFirst()[0])) {
            throw new IdempotencyConflictException(key);
        }
        return Optional.of((String) rows.getFirst()[1]);
    }

    private Object parse(MessageType<?> type, String json) {
        try {
            JsonNode tree = codec.json().readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new ValidationException(type.name(), List.of(new Violation("$", "the body must be a JSON object")));
            }
            return codec.json().treeToValue(tree, type.javaType());
        } catch (DatabindException e) {
            throw new ValidationException(type.name(), List.of(new Violation(EnvelopeCodec.jsonPath(e), e.getOriginalMessage())));
        } catch (JacksonException e) {
            throw new ValidationException(type.name(), List.of(new Violation("$", "malformed JSON: " + e.getOriginalMessage())));
        }
    }

}
