package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    private static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(10);

    /** What the flusher takes from its queue: a sent row, or a barrier it passes once everything before is deleted. */
    private sealed interface Entry permits Sent, Barrier {
    }

    private record Sent(UUID id) implements Entry {
    }

    /** {@code last}: the flusher ends after passing it. */
    private record Barrier(CompletableFuture<Void> passed, boolean last) implements Entry {
    }

    private final Database database;
    private final Duration window;
    private final LinkedBlockingQueue<Entry> pending = new LinkedBlockingQueue<>();
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
        for (UUID id : sent) {
            pending.add(new Sent(id));
        }
    }

    private void flushLoop() {
        boolean last = false;
        while (!last) {
            Entry first;
            try {
                first = pending.take();
            } catch (InterruptedException e) {
                return;
            }
            if (first instanceof Sent) {
                LockSupport.parkNanos(window.toNanos());
            }
            List<Entry> taken = new ArrayList<>();
            taken.add(first);
            pending.drainTo(taken, MAX_BATCH - 1);
            List<UUID> ids = new ArrayList<>(taken.size());
            List<Barrier> barriers = new ArrayList<>();
            for (Entry entry : taken) {
                switch (entry) {
                    case Sent sent -> ids.add(sent.id());
                    case Barrier barrier -> barriers.add(barrier);
                }
            }
            if (!ids.isEmpty()) {
                delete(ids);
            }
            for (Barrier barrier : barriers) {
                barrier.passed().complete(null);
                last |= barrier.last();
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

    /** Returns once every row added so far has been deleted (or its delete has failed), without the window's wait. */
    void flush() {
        awaitBarrier(false);
    }

    /** Deletes the rows still pending, then stops; call after the last {@link #add}. */
    @Override
    public void close() {
        awaitBarrier(true);
    }

    private void awaitBarrier(boolean last) {
        Barrier barrier = new Barrier(new CompletableFuture<>(), last);
        pending.add(barrier);
        try {
            barrier.passed().get(BARRIER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("sent outbox rows still being deleted after {} s; the sweeper may send them again",
                    BARRIER_TIMEOUT.toSeconds());
        } catch (ExecutionException e) {
            throw new IllegalStateException("the barrier is only ever completed normally", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
