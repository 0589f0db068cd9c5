package dev.conveyor.engine.deadletter;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Records dead letters. A message dead-lettered again (a crash before its delete) updates its row. */
public final class DeadLetters {

    private final Database database;

    public DeadLetters(Database database) {
        this.database = requireNonNull(database, "database is null");
    }

    public void record(DeadLetter letter) {
        database.inTenantTransaction(letter.tenantId(), entityManager -> entityManager.createNativeQuery("""
                insert into dead_letter (tenant_id, stage, queue_name, message_id, correlation_id, message_type, body,
                                         reason, error_class, stack_trace, dequeue_count)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                on conflict (tenant_id, stage, message_id) do update
                set reason = excluded.reason, error_class = excluded.error_class, stack_trace = excluded.stack_trace,
                    dequeue_count = excluded.dequeue_count, last_failed_at = now()""")
                .setParameter(1, letter.tenantId())
                .setParameter(2, letter.stage())
                .setParameter(3, letter.queueName())
                .setParameter(4, letter.messageId())
                .setParameter(5, letter.correlationId())
                .setParameter(6, letter.messageType())
                .setParameter(7, letter.body())
                .setParameter(8, letter.reason())
                .setParameter(9, letter.error() == null ? null : letter.error().getClass().getName())
                .setParameter(10, letter.error() == null ? null : stackTrace(letter.error()))
                .setParameter(11, letter.dequeueCount())
                .executeUpdate());
    }

    /** How many dead letters each stage of the tenant has (stages without any are absent). */
    public Map<String, Long> countByStage(String tenantId) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select stage, count(*) from dead_letter where tenant_id = ?1 group by stage")
                    .setParameter(1, tenantId)
                    .getResultList();
            return rows.stream().collect(java.util.stream.Collectors.toMap(row -> (String) row[0],
                    row -> ((Number) row[1]).longValue()));
        });
    }

    /** The tenant's most recent dead letters, newest first. */
    public List<DeadLetterSummary> newest(String tenantId, int limit) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select id, stage, queue_name, message_id, correlation_id, message_type, reason, dequeue_count,
                           first_failed_at, last_failed_at
                    from dead_letter where tenant_id = ?1 order by last_failed_at desc, id desc limit ?2""")
                    .setParameter(1, tenantId)
                    .setParameter(2, limit)
                    .getResultList();
            return rows.stream().map(row -> new DeadLetterSummary(((Number) row[0]).longValue(), (String) row[1],
                    (String) row[2], (String) row[3], (String) row[4], (String) row[5], (String) row[6],
                    ((Number) row[7]).longValue(), SqlValues.instant(row[8]), SqlValues.instant(row[9]))).toList();
        });
    }

    private static String stackTrace(Throwable error) {
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

    /** A dead letter as listed: what failed, where, why and when; the body and stack trace stay in the store. */
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
            Instant lastFailedAt) {
    }
}
