package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.SqlValues;
import dev.conveyor.engine.queue.TenantTransports;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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

    /**
     * Sends under way in the background at most ({@link #publishInBackground}); beyond it, while the queue service
     * is slow or away, rows wait for the sweeper instead of piling up threads waiting on it.
     */
    static final int MAX_BACKGROUND_SENDS = 64;

    /** Key of the advisory lock that elects one sweeper among all instances sharing the database. */
    private static final long SWEEPER_LOCK = 0x436f6e7665796f72L;

    private final Database database;
    private final TenantTransports transports;
    private final Clock clock;
    private final Consumer<String> onPublished;
    private final SentRows sentRows;
    private final Semaphore backgroundSends = new Semaphore(MAX_BACKGROUND_SENDS);

    /**
     * @param onPublished told the queue name after each send, so a consumer of that queue in this process can
     *                    poll at once instead of waiting out its idle back-off
     */
    public Outbox(Database database, TenantTransports transports, Clock clock, Consumer<String> onPublished) {
        this.database = requireNonNull(database, "database is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.onPublished = requireNonNull(onPublished, "onPublished is null");
        this.sentRows = new SentRows(database, SENT_ROWS_WINDOW);
    }

    /** Adds the messages to the transaction of {@code entityManager}, in one round trip. */
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
     * delayed rows that came within the queue's delay horizon, at most {@code limit} of them. One instance sweeps
     * at a time (an advisory lock elects it); returns how many were sent, 0 when another instance holds the lock.
     */
    public int sweep(Duration olderThan, int limit) {
        return database.inPlatformTransaction(entityManager -> {
            boolean elected = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                    .setParameter(1, SWEEPER_LOCK)
                    .getSingleResult();
            if (!elected) {
                return 0;
            }
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery("""
                    select id, tenant_id, queue_name, message_id, body, visible_at from outbox
                    where created_at < ?1 and visible_at < ?2
                    order by visible_at
                    limit ?3
                    for update skip locked""")
                    .setParameter(1, Timestamp.from(now.minus(olderThan)))
                    .setParameter(2, Timestamp.from(now.plus(QUEUE_DELAY_HORIZON)))
                    .setParameter(3, limit)
                    .getResultList();
            List<UUID> sent = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                OutboxMessage message = new OutboxMessage((UUID) row[0], (String) row[1], (String) row[2],
                        (String) row[3], (String) row[4], SqlValues.instant(row[5]));
                try {
                    send(message);
                    sent.add(message.id());
                } catch (RuntimeException e) {
                    log.warn("sweeper could not send outbox message {} to {}: {}", message.messageId(),
                            message.queueName(), e.toString());
                }
            }
            if (!sent.isEmpty()) {
                deleteSent(entityManager, sent);
                log.info("sweeper sent {} outbox messages left unsent", sent.size());
            }
            return sent.size();
        });
    }

    private void send(OutboxMessage message) {
        transports.forTenant(message.tenantId())
                .send(message.queueName(), message.body(), Duration.between(clock.instant(), message.visibleAt()));
        onPublished.accept(message.queueName());
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
