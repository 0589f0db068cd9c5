package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import dev.conveyor.engine.outage.Outages;
import dev.conveyor.engine.queue.TenantTransports;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes messages in the caller's transaction and sends them once it has committed; sent rows are deleted in
 * batches ({@link SentRows}). Rows whose send failed, or whose process died between commit and send or before
 * the batch deleting them committed, stay in the table and the sweeper sends them later; a message sent twice
 * that way is skipped by the receiving stage's inbox. A message due further ahead than the queue can hold
 * it back (7 days of initial visibility) also waits here until the sweeper finds it within reach.
 */
public final class Outbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** How far ahead a queue can hold a message back, less an hour so a late sweep still makes it in time. */
    static final Duration QUEUE_DELAY_HORIZON = Duration.ofDays(7).minusHours(1);

    /** How long sent rows gather before one transaction deletes them all; far below the sweeper's age. */
    private static final Duration SENT_ROWS_WINDOW = Duration.ofMillis(100);

    /** How long a sweeper's claim on rows keeps other instances' sweepers off them while it sends. */
    private static final Duration CLAIM = Duration.ofMinutes(1);
    /** Failed sends (not outages) after which a row is parked. */
    static final int PARK_AFTER = 8;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    /**
     * Sends under way in the background at most ({@link #publishInBackground}); beyond it, while the queue service
     * is slow or away, rows wait for the sweeper instead of piling up threads waiting on it.
     */
    static final int MAX_BACKGROUND_SENDS = 64;

    private final Database database;
    private final TenantTransports transports;
    private final Clock clock;
    private final Consumer<String> onPublished;
    private final QueueAnnouncements announcements;
    private final SentRows sentRows;
    private final Semaphore backgroundSends = new Semaphore(MAX_BACKGROUND_SENDS);

    /**
     * @param onPublished told the queue name after each send of a message visible at once, so a consumer of that queue
     *                    in this process polls at once instead of waiting out its idle back-off
     */
    public Outbox(Database database, TenantTransports transports, Clock clock, Consumer<String> onPublished) {
        this.announcements = new QueueAnnouncements(requireNonNull(clock, "clock is null"));
        this.database = requireNonNull(database, "database is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.onPublished = requireNonNull(onPublished, "onPublished is null");
        this.sentRows = new SentRows(database, SENT_ROWS_WINDOW);
    }

    /**
     * Adds the messages to the transaction of {@code entityManager}, in one round trip, and announces their queues to
     * every instance at its commit ({@link QueueAnnouncements}).
     */
    public void write(EntityManager entityManager, List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Database.onConnection(entityManager, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("""
                    insert into outbox (id, tenant_id, queue_name, message_id, body, visible_at)
                    values (?, ?, ?, ?, ?, ?)""")) {
                for (OutboxMessage message : messages) {
                    statement.setObject(1, message.id());
                    statement.setString(2, message.tenantId());
                    statement.setString(3, message.queueName());
                    statement.setString(4, message.messageId());
                    statement.setString(5, message.body());
                    statement.setTimestamp(6, Timestamp.from(message.visibleAt()));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            announcements.announce(connection, messages);
            return null;
        });
    }

    /**
     * Sends committed messages and has their rows deleted with the next batch. A failure is logged and left
     * to the sweeper, as are messages due beyond the queue's delay horizon.
     */
    public void publish(List<OutboxMessage> messages) {
        Instant horizon = clock.instant().plus(QUEUE_DELAY_HORIZON);
        List<UUID> sent = new ArrayList<>(messages.size());
        for (OutboxMessage message : messages) {
            if (message.visibleAt().isAfter(horizon)) {
                continue;
            }
            try {
                send(message);
                sent.add(message.id());
            } catch (RuntimeException e) {
                log.warn("could not send outbox message {} to {}; the sweeper will retry: {}", message.messageId(),
                        message.queueName(), e.toString());
            }
        }
        sentRows.add(sent);
    }

    /**
     * {@link #publish} on a thread of its own, for a caller that must not wait on the queue service longer than it
     * chooses (an API request waits a short deadline on the returned future, then answers: the rows are committed).
     * With {@value #MAX_BACKGROUND_SENDS} sends already under way the messages are left to the sweeper.
     */
    public CompletableFuture<Void> publishInBackground(List<OutboxMessage> messages) {
        if (!backgroundSends.tryAcquire()) {
            log.warn("{} sends to the queue service are still under way; the sweeper will send message {}",
                    MAX_BACKGROUND_SENDS, messages.getFirst().messageId());
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> published = new CompletableFuture<>();
        try {
            Thread.ofVirtual().name("outbox-publish").start(() -> {
                try {
                    publish(messages);
                } finally {
                    backgroundSends.release();
                    published.complete(null);
                }
            });
        } catch (RuntimeException | Error e) {
            backgroundSends.release();
            throw e;
        }
        return published;
    }

    /**
     * Sends rows left unsent for longer than {@code olderThan} (so that it does not race the normal path) and
     * delayed rows that came within the queue's delay horizon, at most {@code limit} of them, and returns how many
     * it took. The rows are claimed in a short transaction (their next attempt moved ahead, so another instance's
     * sweeper skips them), sent outside any transaction, and their outcome recorded in a second one: a failed row
     * backs off on its own schedule, and after {@value #PARK_AFTER} failures that were not outages it is parked, so
     * a row that cannot be sent never holds up the others.
     */
    public int sweep(Duration olderThan, int limit) {
        Instant now = clock.instant();
        List<DueRow> due = database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    with due as (
                        select id from outbox
                        where created_at < ?1 and visible_at < ?2 and parked_at is null
                          and (next_attempt_at is null or next_attempt_at <= ?3)
                        order by visible_at
                        limit ?4
                        for update skip locked)
                    update outbox set next_attempt_at = ?5 from due where outbox.id = due.id
                    returning outbox.id, outbox.tenant_id, outbox.queue_name, outbox.message_id, outbox.body,
                              outbox.visible_at, outbox.attempts""")
                    .setParameter(1, Timestamp.from(now.minus(olderThan)))
                    .setParameter(2, Timestamp.from(now.plus(QUEUE_DELAY_HORIZON)))
                    .setParameter(3, Timestamp.from(now))
                    .setParameter(4, limit)
                    .setParameter(5, Timestamp.from(now.plus(CLAIM)))
                    .getResultList();
            return rows.stream().map(row -> new DueRow(new OutboxMessage((UUID) row[0], (String) row[1], (String) row[2],
                    (String) row[3], (String) row[4], SqlValues.instant(row[5])), ((Number) row[6]).intValue())).toList();
        });
        if (due.isEmpty()) {
            return 0;
        }
        List<OutboxMessage> sent = new ArrayList<>(due.size());
        List<FailedSend> failed = new ArrayList<>();
        for (DueRow row : due) {
            try {
                send(row.message());
                sent.add(row.message());
            } catch (RuntimeException e) {
                failed.add(new FailedSend(row, e));
            }
        }
        database.inPlatformTransaction(entityManager -> {
            if (!sent.isEmpty()) {
                deleteSent(entityManager, sent.stream().map(OutboxMessage::id).toList());
                // What a crash left, or a delayed message now within the queue's reach: consumers elsewhere hear of it.
                Database.onConnection(entityManager, connection -> {
                    announcements.announce(connection, sent);
                    return null;
                });
            }
            for (FailedSend failure : failed) {
                recordFailure(entityManager, failure, now);
            }
            return null;
        });
        if (!sent.isEmpty()) {
            log.info("sweeper sent {} outbox messages left unsent", sent.size());
        }
        return due.size();
    }

    private void recordFailure(EntityManager entityManager, FailedSend failure, Instant now) {
        OutboxMessage message = failure.row().message();
        int attempts = failure.row().attempts() + 1;
        boolean outage = Outages.isStorageOutage(failure.error());
        boolean park = !outage && attempts >= PARK_AFTER;
        String category = Outages.category(failure.error());
        if (park) {
            log.error("sweeper parked outbox message {} to {} after {} failed sends, last: {}; retry it through the API"
                    + " once the cause is fixed", message.messageId(), message.queueName(), attempts, category);
        } else {
            log.warn("sweeper could not send outbox message {} to {} (attempt {}{}): {}", message.messageId(),
                    message.queueName(), attempts, outage ? ", the queue service is away" : "", category);
        }
        entityManager.createNativeQuery("""
                update outbox set attempts = ?2, last_error = ?3, next_attempt_at = ?4, parked_at = ?5 where id = ?1""")
                .setParameter(1, message.id())
                .setParameter(2, attempts)
                .setParameter(3, category)
                .setParameter(4, Timestamp.from(now.plus(backoff(attempts))))
                .setParameter(5, park ? Timestamp.from(now) : null)
                .executeUpdate();
    }

    /** After the n-th failed attempt: 2^n seconds, at most 10 minutes, with ±20 % jitter so rows spread out. */
    static Duration backoff(int attempts) {
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts, 20));
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (seconds * 1000 * jitter));
    }

    /** The tenant's parked rows, oldest first. */
    public List<ParkedMessage> parked(String tenantId, int limit) {
        return database.inTenantTransaction(tenantId, entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select id, queue_name, message_id, attempts, last_error, parked_at, created_at from outbox
                    where tenant_id = ?1 and parked_at is not null order by parked_at limit ?2""")
                    .setParameter(1, tenantId)
                    .setParameter(2, limit)
                    .getResultList();
            return rows.stream().map(row -> new ParkedMessage((UUID) row[0], (String) row[1], (String) row[2],
                    ((Number) row[3]).intValue(), (String) row[4], SqlValues.instant(row[5]), SqlValues.instant(row[6])))
                    .toList();
        });
    }

    /** Puts the tenant's parked rows back in the sweeper's hands at once; returns how many. */
    public int retryParked(String tenantId) {
        return database.inTenantTransaction(tenantId, entityManager -> entityManager.createNativeQuery("""
                update outbox set parked_at = null, attempts = 0, next_attempt_at = null
                where tenant_id = ?1 and parked_at is not null""")
                .setParameter(1, tenantId)
                .executeUpdate());
    }

    /** Rows of the tenant not sent yet (parked ones included): messages still in flight. */
    public long unsentCount(String tenantId) {
        return database.inTenantTransaction(tenantId, entityManager -> ((Number) entityManager.createNativeQuery(
                "select count(*) from outbox where tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult()).longValue());
    }

    /** Per tenant: rows due and not sent, and when the longest-waiting of them became due (for metrics). */
    public Map<String, Backlog> backlogByTenant() {
        Instant now = clock.instant();
        return database.inPlatformTransaction(entityManager -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select tenant_id, count(*), min(visible_at) from outbox where visible_at <= ?1 group by tenant_id""")
                    .setParameter(1, Timestamp.from(now))
                    .getResultList();
            Map<String, Backlog> backlog = new java.util.HashMap<>();
            for (Object[] row : rows) {
                backlog.put((String) row[0], new Backlog(((Number) row[1]).longValue(), SqlValues.instant(row[2])));
            }
            return backlog;
        });
    }

    /** Outbox rows of one tenant waiting to be sent, and since when the oldest has been due. */
    public record Backlog(long rows, Instant oldestDueAt) {
    }

    /** Parked rows of every tenant, for health. */
    public long parkedCount() {
        return database.inPlatformTransaction(entityManager -> ((Number) entityManager.createNativeQuery(
                "select count(*) from outbox where parked_at is not null").getSingleResult()).longValue());
    }

    /** A row the sweeper gave up on: kept until a retry or the tenant's deletion. */
    public record ParkedMessage(UUID id, String queueName, String messageId, int attempts, String lastError,
            Instant parkedAt, Instant createdAt) {
    }

    private record DueRow(OutboxMessage message, int attempts) {
    }

    private record FailedSend(DueRow row, RuntimeException error) {
    }

    private void send(OutboxMessage message) {
        Duration delay = Duration.between(clock.instant(), message.visibleAt());
        transports.forTenant(message.tenantId()).send(message.queueName(), message.body(), delay);
        if (!delay.isPositive()) {
            // Visible now: the consumer here polls at once (the announcement is for the other instances, and may have
            // been skipped as a repeat). A held-back message's announcement says when it shows.
            onPublished.accept(message.queueName());
        }
    }

    /**
     * Returns once the rows this process has sent so far are deleted (waiting for the batch under way, if any), so
     * that what is left of this process's rows is unsent.
     */
    public void deleteSentRows() {
        sentRows.flush();
    }

    /** Deletes the sent rows still pending; call once nothing publishes any more. */
    @Override
    public void close() {
        sentRows.close();
    }

    static int deleteSent(EntityManager entityManager, List<UUID> ids) {
        return entityManager.createNativeQuery("delete from outbox where id in (?1)")
                .setParameter(1, ids)
                .executeUpdate();
    }
}
