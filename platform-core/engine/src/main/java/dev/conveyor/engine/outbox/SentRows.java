package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes sent outbox rows in batches: whatever was sent during a short window goes in one transaction, instead of
 * one transaction (and a commit, and its fsync) after every handled message. Should the process die before the
 * batch commits, the sweeper sends those rows again and the receiving stage's inbox skips the copies.
 */
final class SentRows implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SentRows.class);
    private static final int MAX_BATCH = 1_000;
    /** Put on the queue by {@link #close()}: everything before it is deleted, then the flusher ends. */
    private static final UUID STOP = new UUID(0, 0);

    private final Database database;
    private final Duration window;
    private final LinkedBlockingQueue<UUID> pending = new LinkedBlockingQueue<>();
    private final Thread flusher;

    /**
     * @param window how long to gather sent rows after the first one before deleting them: longer means fewer
     *               transactions under load; it must stay well under the sweeper's age, or rows get sent twice
     */
    SentRows(Database database, Duration window) {
        this.database = requireNonNull(database, "database is null");
        this.window = requireNonNull(window, "window is null");
        this.flusher = Thread.ofVirtual().name("outbox-sent-rows").start(this::flushLoop);
    }

    void add(List<UUID> sent) {
        pending.addAll(sent);
    }

    private void flushLoop() {
        boolean stopping = false;
        while (!stopping) {
            UUID first;
            try {
                first = pending.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first != STOP) {
                LockSupport.parkNanos(window.toNanos());
            }
            List<UUID> batch = new ArrayList<>();
            batch.add(first);
            pending.drainTo(batch, MAX_BATCH - 1);
            stopping = batch.remove(STOP);
            if (!batch.isEmpty()) {
                delete(batch);
            }
        }
    }

    private void delete(List<UUID> batch) {
        try {
            database.inPlatformTransaction(entityManager -> Outbox.deleteSent(entityManager, batch));
        } catch (RuntimeException e) {
            log.warn("could not delete {} sent outbox rows; the sweeper may send them again", batch.size(), e);
        }
    }

    /** Deletes the rows sent so far now, in the caller's thread, rather than with the next batch. */
    void flush() {
        List<UUID> batch = new ArrayList<>();
        pending.drainTo(batch);
        if (batch.remove(STOP)) {
            pending.add(STOP);
        }
        for (int from = 0; from < batch.size(); from += MAX_BATCH) {
            delete(batch.subList(from, Math.min(batch.size(), from + MAX_BATCH)));
        }
    }

    /** Deletes the rows still pending, then stops; call after the last {@link #add}. */
    @Override
    public void close() {
        pending.add(STOP);
        try {
            if (!flusher.join(Duration.ofSeconds(10))) {
                log.warn("sent outbox rows still being deleted after 10 s; the sweeper may send them again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
