package dev.conveyor.engine.deadletter;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.envelope.EnvelopeCodec.QueueContext;
import dev.conveyor.engine.envelope.MalformedMessageException;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.OutboxMessage;
import dev.conveyor.engine.queue.LeaseLostException;
import dev.conveyor.engine.queue.QueueMissingException;
import dev.conveyor.engine.queue.QueueNames;
import dev.conveyor.engine.queue.SentMessage;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Dead letters and the failed attempts before them. A dead letter is kept in Postgres (with every attempt's
 * error and stack trace) and copied to its queue's poison queue; an operator lists, inspects, replays (same
 * message id, so the inbox still skips what had already succeeded) or discards it. Old rows are purged, and poison
 * copies expire from their queue after the same retention.
 * <p>
 * Resolving (replay or discard) is a status-guarded update: of any number of concurrent resolutions of one dead
 * letter exactly one wins, the others get a {@link ConflictException}. A replay's message goes through the outbox in
 * that same transaction, so it is sent once, and still sent if the process dies right after the commit. Bulk
 * replays and discards resolve the matching letters one by one under the same guard, at most {@link #MAX_BULK} per
 * call.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final String SUMMARY_COLUMNS = """
            id, stage, queue_name, message_id, correlation_id, message_type, reason, dequeue_count, first_failed_at,
            last_failed_at, status, resolved_at, resolved_by""";

    private static final int REPLAY_PAGE = 100;
    /** The most dead letters one bulk replay or discard resolves; the caller calls again for the rest. */
    public static final int MAX_BULK = 500;

    private final Database database;
    private final TenantTransports transports;
    private final Outbox outbox;
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param retention how long dead letters are kept; poison queue copies expire after it too
     */
    public DeadLetters(Database database, TenantTransports transports, Outbox outbox, EnvelopeCodec codec, Clock clock,
            Duration retention) {
        this.database = requireNonNull(database, "database is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.retention = requireNonNull(retention, "retention is null");
    }

    /** Records one failed delivery that will be retried. */
    public void recordAttempt(String tenantId, String stage, String messageId, long attempt, Throwable error) {
        database.inTenantTransaction(tenantId, entityManager -> insertAttempt(entityManager, tenantId, stage, messageId,
                attempt, error == null ? null : error.getClass().getName(), describe(error), stackTrace(error)));
    }

    /**
     * Copies the message to its poison queue and records the dead letter with its last error. A message
     * dead-lettered again (a crash before its delete) updates its row.
     */
    public void deadLetter(DeadLetter letter, String poisonQueue) {
        // Recorded first: should the poison copy fail, the dead letter is still there to replay, and the message
        // (not deleted) comes back and is dead-lettered again, which updates this row.
        database.inTenantTransaction(letter.tenantId(), entityManager -> {
            insertAttempt(entityManager, letter.tenantId(), letter.stage(), letter.messageId(), letter.dequeueCount(),
                    letter.error() == null ? null : letter.error().getClass().getName(), letter.reason(),
                    stackTrace(letter.error()));
            return entityManager.createNativeQuery("""
                    insert into dead_letter (tenant_id, stage, queue_name, message_id, correlation_id, message_type, body,
                                             reason, error_class, stack_trace, dequeue_count, poison_message_id,
                                             poison_pop_receipt)
                    values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, null, null)
                    on conflict (tenant_id, stage, message_id) do update
                    set reason = excluded.reason, error_class = excluded.error_class, stack_trace = excluded.stack_trace,
                        dequeue_count = excluded.dequeue_count, last_failed_at = now(), body = excluded.body,
                        status = 'DEAD', resolved_at = null, resolved_by = null,
                        poison_message_id = excluded.poison_message_id, poison_pop_receipt = excluded.poison_pop_receipt""")
                    .setParameter(1, letter.tenantId())
                    .setParameter(2, letter.stage())
                    .setParameter(3, letter.queueName())
                    .setParameter(4, letter.messageId())
                    .setParameter(5, letter.correlationId())
                    .setParameter(6, letter.messageType())
                    .setParameter(7, letter.body())
                    .setParameter(8, letter.reason())
                    .setParameter(9, letter.error() == null ? null : letter.error().getClass().getName())
                    .setParameter(10, stackTrace(letter.error()))
                    .setParameter(11, letter.dequeueCount())
                    .executeUpdate();
        });
        // The copy expires with the retention, like the dead letter's row: a poison queue is no archive of bodies.
        SentMessage poisoned = transports.forTenant(letter.tenantId()).send(poisonQueue, letter.body(), Duration.ZERO,
                retention);
        database.inTenantTransaction(letter.tenantId(), entityManager -> entityManager.createNativeQuery("""
                update dead_letter set poison_message_id = ?4, poison_pop_receipt = ?5
                where tenant_id = ?1 and stage = ?2 and message_id = ?3""")
                .setParameter(1, letter.tenantId())
                .setParameter(2, letter.stage())
                .setParameter(3, letter.messageId())
                .setParameter(4, poisoned.messageId())
                .setParameter(5, poisoned.popReceipt())
                .executeUpdate());
    }

    /** Dead letters matching the filter, newest first. */
    public List<DeadLetterSummary> list(String tenantId, DeadLetterFilter filter, int offset, int limit) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            Query query = filtered(entityManager, "select " + SUMMARY_COLUMNS + " from dead_letter", tenantId, filter, 0,
                    " order by last_failed_at desc, id desc offset " + offset + " limit " + limit);
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            return rows.stream().map(DeadLetters::summary).toList();
        });
    }

    /** How many dead letters each stage of the tenant has that are not resolved (stages without any are absent). */
    public Map<String, Long> countByStage(String tenantId) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select stage, count(*) from dead_letter where tenant_id = ?1 and status = 'DEAD' group by stage")
                    .setParameter(1, tenantId)
                    .getResultList();
            return rows.stream().collect(Collectors.toMap(row -> (String) row[0], row -> ((Number) row[1]).longValue()));
        });
    }

    /** One dead letter with its body, envelope headers and every attempt. */
    public DeadLetterDetail get(String tenantId, long id) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("select " + SUMMARY_COLUMNS
                    + ", body, error_class, stack_trace from dead_letter where tenant_id = ?1 and id = ?2")
                    .setParameter(1, tenantId)
                    .setParameter(2, id)
                    .getResultList();
            if (rows.isEmpty()) {
                throw new NotFoundException("tenant '" + tenantId + "' has no dead letter " + id);
            }
            Object[] row = rows.getFirst();
            DeadLetterSummary summary = summary(row);
            @SuppressWarnings("unchecked")
            List<Object[]> attempts = entityManager.createNativeQuery("""
                    select attempt, error_class, error, stack_trace, failed_at from message_attempt
                    where tenant_id = ?1 and stage = ?2 and message_id = ?3 order by failed_at, id""")
                    .setParameter(1, tenantId)
                    .setParameter(2, summary.stage())
                    .setParameter(3, summary.messageId())
                    .getResultList();
            return new DeadLetterDetail(summary, (String) row[13], headers((String) row[13]), (String) row[14],
                    (String) row[15], attempts.stream().map(attempt -> new Attempt(((Number) attempt[0]).longValue(),
                            (String) attempt[1], (String) attempt[2], (String) attempt[3], SqlValues.instant(attempt[4])))
                            .toList());
        });
    }

    /**
     * Sends the dead letter back to its stage's queue with its original message id (bare JSON from a foreign
     * producer is wrapped in an envelope carrying that id), so the inbox skips what had already succeeded.
     *
     * @throws ConflictException when it was resolved already (by a concurrent call too)
     */
    public DeadLetterSummary replay(String tenantId, long id, String actor) {
        DeadLetterDetail letter = get(tenantId, id);
        OutboxMessage message = new OutboxMessage(UUID.randomUUID(), tenantId, letter.summary().queueName(),
                letter.summary().messageId(), replayBody(tenantId, letter), clock.instant());
        return resolve(tenantId, id, "REPLAYED", actor, List.of(message));
    }

    /**
     * Replays every unresolved dead letter matching the filter once, at most {@link #MAX_BULK}; see
     * {@link #replayMatching(String, DeadLetterFilter, String, int)}.
     */
    public int replayMatching(String tenantId, DeadLetterFilter filter, String actor) {
        return replayMatching(tenantId, filter, actor, MAX_BULK).resolved();
    }

    /**
     * Replays the unresolved dead letters matching the filter, at most {@code limit} of them, each once. Letters are
     * taken in id order, so one that fails again during the call (it keeps its id) is not replayed a second time,
     * and one resolved meanwhile by someone else is skipped (each resolution is the same status-guarded update as
     * {@link #replay}). Says how many it replayed and how many still match afterwards.
     *
     * @throws ValidationException when {@code limit} is not 1..{@value #MAX_BULK}
     */
    public BulkResolution replayMatching(String tenantId, DeadLetterFilter filter, String actor, int limit) {
        return resolveMatching(tenantId, filter, limit, id -> replay(tenantId, id, actor));
    }

    /**
     * Discards the unresolved dead letters matching the filter, at most {@code limit} of them, under the same rules
     * as {@link #replayMatching(String, DeadLetterFilter, String, int)}: a letter replayed or discarded concurrently
     * by another call is resolved once, by whichever call got it first.
     *
     * @throws ValidationException when {@code limit} is not 1..{@value #MAX_BULK}
     */
    public BulkResolution discardMatching(String tenantId, DeadLetterFilter filter, String actor, int limit) {
        return resolveMatching(tenantId, filter, limit, id -> discard(tenantId, id, actor));
    }

    /** How many unresolved dead letters match the filter (its status is ignored). */
    public long countUnresolved(String tenantId, DeadLetterFilter filter) {
        return database.inTenantTransaction(tenantId, entityManager -> ((Number) filtered(entityManager,
                "select count(*) from dead_letter", tenantId, filter.withStatus("DEAD"), 0, "").getSingleResult())
                .longValue());
    }

    /**
     * One letter at a time, each in a transaction of its own: a bulk action over a million letters never holds one
     * transaction (or a lock) for all of them, and stops after {@code limit}.
     */
    private BulkResolution resolveMatching(String tenantId, DeadLetterFilter filter, int limit,
            java.util.function.LongConsumer resolution) {
        if (limit < 1 || limit > MAX_BULK) {
            throw new ValidationException("bulk resolution", List.of(new Violation("limit",
                    "must be 1.." + MAX_BULK + " dead letters per request, was " + limit
                            + "; call again for the rest")));
        }
        DeadLetterFilter unresolved = filter.withStatus("DEAD");
        int resolved = 0;
        long afterId = 0;
        while (resolved < limit) {
            List<Long> page = ids(tenantId, unresolved, afterId, REPLAY_PAGE);
            for (long id : page) {
                if (resolved == limit) {
                    break;
                }
                try {
                    resolution.accept(id);
                    resolved++;
                } catch (ConflictException | NotFoundException resolvedMeanwhile) {
                    log.debug("dead letter {} of tenant '{}' was resolved by another call", id, tenantId);
                }
            }
            if (page.size() < REPLAY_PAGE) {
                break;
            }
            afterId = page.getLast();
        }
        return new BulkResolution(resolved, countUnresolved(tenantId, filter));
    }

    /**
     * Marks the dead letter discarded and removes its poison queue copy; its record stays until purged.
     *
     * @throws ConflictException when it was resolved already (by a concurrent call too)
     */
    public DeadLetterSummary discard(String tenantId, long id, String actor) {
        return resolve(tenantId, id, "DISCARDED", actor, List.of());
    }

    /** Deletes dead letters, attempts, inbox and idempotency rows older than {@code retention}. */
    public Map<String, Integer> purge(Duration retention) {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        return database.inPlatformTransaction(entityManager -> {
            Map<String, Integer> purged = new LinkedHashMap<>();
            purged.put("dead_letter", entityManager.createNativeQuery("delete from dead_letter where last_failed_at < ?1")
                    .setParameter(1, cutoff).executeUpdate());
            purged.put("message_attempt", entityManager.createNativeQuery("delete from message_attempt where failed_at < ?1")
                    .setParameter(1, cutoff).executeUpdate());
            purged.put("inbox", entityManager.createNativeQuery("delete from inbox where processed_at < ?1")
                    .setParameter(1, cutoff).executeUpdate());
            purged.put("idempotency_key", entityManager.createNativeQuery("delete from idempotency_key where created_at < ?1")
                    .setParameter(1, cutoff).executeUpdate());
            return purged;
        });
    }

    /**
     * Moves the dead letter from DEAD to {@code status} only if it is still DEAD (the row lock makes concurrent
     * callers wait, then find it resolved) and writes {@code messages} to the outbox in the same transaction.
     */
    private DeadLetterSummary resolve(String tenantId, long id, String status, String actor, List<OutboxMessage> messages) {
        Object[] resolved = database.inTenantTransaction(tenantId, entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    update dead_letter set status = ?3, resolved_at = now(), resolved_by = ?4
                    where tenant_id = ?1 and id = ?2 and status = 'DEAD'
                    returning poison_message_id, poison_pop_receipt, queue_name""")
                    .setParameter(1, tenantId)
                    .setParameter(2, id)
                    .setParameter(3, status)
                    .setParameter(4, actor)
                    .getResultList();
            if (rows.isEmpty()) {
                throw alreadyResolved(entityManager, tenantId, id);
            }
            outbox.write(entityManager, messages);
            return rows.getFirst();
        });
        outbox.publish(messages);
        if (resolved[0] != null) {
            try {
                transports.forTenant(tenantId).delete(QueueNames.poison((String) resolved[2]), (String) resolved[0],
                        (String) resolved[1]);
            } catch (LeaseLostException | QueueMissingException e) {
                log.debug("poison copy of dead letter {} was already gone", id);
            } catch (RuntimeException e) {
                log.warn("could not remove the poison queue copy of dead letter {}: {}", id, e.toString());
            }
        }
        return get(tenantId, id).summary();
    }

    private static RuntimeException alreadyResolved(EntityManager entityManager, String tenantId, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select status, resolved_by from dead_letter where tenant_id = ?1 and id = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, id)
                .getResultList();
        if (rows.isEmpty()) {
            return new NotFoundException("tenant '" + tenantId + "' has no dead letter " + id);
        }
        return new ConflictException("dead letter " + id + " of tenant '" + tenantId + "' was already "
                + ((String) rows.getFirst()[0]).toLowerCase() + " by " + rows.getFirst()[1]
                + "; list the dead letters with status=DEAD to see what is left to resolve");
    }

    private List<Long> ids(String tenantId, DeadLetterFilter filter, long afterId, int limit) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            Query query = filtered(entityManager, "select id from dead_letter", tenantId, filter, afterId,
                    " order by id limit " + limit);
            @SuppressWarnings("unchecked")
            List<Number> rows = query.getResultList();
            return rows.stream().map(Number::longValue).toList();
        });
    }

    private String replayBody(String tenantId, DeadLetterDetail letter) {
        if (letter.summary().messageType() == null) {
            return letter.body(); // it never decoded: send it as it came, for the fixed consumer to judge
        }
        try {
            Envelope envelope = codec.decode(letter.body(), new QueueContext(tenantId, letter.summary().queueName(), true,
                    letter.summary().messageType()), letter.summary().messageId(), letter.summary().firstFailedAt());
            return codec.encode(envelope);
        } catch (MalformedMessageException e) {
            return letter.body();
        }
    }

    private Map<String, Object> headers(String body) {
        try {
            JsonNode tree = codec.json().readTree(body);
            if (tree != null && tree.isObject() && tree.has("specversion")) {
                Map<String, Object> headers = new LinkedHashMap<>();
                tree.properties().forEach(field -> {
                    if (!field.getKey().equals("data")) {
                        headers.put(field.getKey(), field.getValue().asString());
                    }
                });
                return headers;
            }
        } catch (RuntimeException notJson) {
            // a body that is not an envelope has no headers
        }
        return Map.of();
    }

    private static Query filtered(EntityManager entityManager, String select, String tenantId, DeadLetterFilter filter,
            long afterId, String tail) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder where = new StringBuilder(" where tenant_id = ?1");
        parameters.add(tenantId);
        if (afterId > 0) {
            parameters.add(afterId);
            where.append(" and id > ?").append(parameters.size());
        }
        if (filter.stage() != null) {
            parameters.add(filter.stage());
            where.append(" and stage = ?").append(parameters.size());
        }
        if (filter.status() != null) {
            parameters.add(filter.status());
            where.append(" and status = ?").append(parameters.size());
        }
        if (filter.errorContains() != null) {
            parameters.add("%" + filter.errorContains().replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" and reason ilike ?").append(parameters.size());
        }
        if (filter.from() != null) {
            parameters.add(Timestamp.from(filter.from()));
            where.append(" and last_failed_at >= ?").append(parameters.size());
        }
        if (filter.to() != null) {
            parameters.add(Timestamp.from(filter.to()));
            where.append(" and last_failed_at < ?").append(parameters.size());
        }
        Query query = entityManager.createNativeQuery(select + where + tail);
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        return query;
    }

    private static int insertAttempt(EntityManager entityManager, String tenantId, String stage, String messageId,
            long attempt, String errorClass, String error, String stackTrace) {
        return entityManager.createNativeQuery("""
                insert into message_attempt (tenant_id, stage, message_id, attempt, error_class, error, stack_trace)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, tenantId)
                .setParameter(2, stage)
                .setParameter(3, messageId)
                .setParameter(4, attempt)
                .setParameter(5, errorClass)
                .setParameter(6, error)
                .setParameter(7, stackTrace)
                .executeUpdate();
    }

    private static DeadLetterSummary summary(Object[] row) {
        return new DeadLetterSummary(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], (String) row[6], ((Number) row[7]).longValue(), SqlValues.instant(row[8]),
                SqlValues.instant(row[9]), (String) row[10], SqlValues.instant(row[11]), (String) row[12]);
    }

    private static String describe(Throwable error) {
        return error == null ? "unknown error" : error.toString();
    }

    private static String stackTrace(Throwable error) {
        if (error == null) {
            return null;
        }
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    /** A message that failed for good. {@code correlationId} and {@code messageType} are null when undecodable. */
    public record DeadLetter(
            String tenantId,
            String stage,
            String queueName,
            String messageId,
            String correlationId,
            String messageType,
            String body,
            String reason,
            Throwable error,
            long dequeueCount) {

        public DeadLetter {
            requireNonNull(tenantId, "tenantId is null");
            requireNonNull(stage, "stage is null");
            requireNonNull(queueName, "queueName is null");
            requireNonNull(messageId, "messageId is null");
            requireNonNull(body, "body is null");
            requireNonNull(reason, "reason is null");
        }
    }

    /** Which dead letters an operator means; null fields do not filter. */
    public record DeadLetterFilter(String stage, String errorContains, Instant from, Instant to, String status) {

        public static final DeadLetterFilter ALL = new DeadLetterFilter(null, null, null, null, null);

        DeadLetterFilter withStatus(String newStatus) {
            return new DeadLetterFilter(stage, errorContains, from, to, newStatus);
        }
    }

    /** What a bulk replay or discard did: how many it resolved, and how many unresolved ones still match. */
    public record BulkResolution(int resolved, long remaining) {
    }

    /** A dead letter as listed: what failed, where, why, when, and whether it was resolved. */
    public record DeadLetterSummary(
            long id,
            String stage,
            String queueName,
            String messageId,
            String correlationId,
            String messageType,
            String reason,
            long dequeueCount,
            Instant firstFailedAt,
            Instant lastFailedAt,
            String status,
            Instant resolvedAt,
            String resolvedBy) {
    }

    /** A dead letter in full: the body as received, its envelope headers, the last error and every attempt. */
    public record DeadLetterDetail(
            DeadLetterSummary summary,
            String body,
            Map<String, Object> headers,
            String errorClass,
            String stackTrace,
            List<Attempt> attempts) {

        /**
         * This dead letter without what the message and its errors may hold (personal data): the body, the stack
         * traces and the attempts' error texts are gone; headers, reason, error classes and times stay.
         */
        public DeadLetterDetail withoutContent() {
            return new DeadLetterDetail(summary, null, headers, errorClass, null, attempts.stream()
                    .map(attempt -> new Attempt(attempt.attempt(), attempt.errorClass(), null, null, attempt.failedAt()))
                    .toList());
        }
    }

    /** One failed delivery. */
    public record Attempt(long attempt, String errorClass, String error, String stackTrace, Instant failedAt) {
    }
}
