package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.outage.Outages;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * Group commit: the transactional work of several callers that ask at the same time runs in one transaction, one
 * after the other, and commits once. Under load one commit (one WAL flush, one pooled connection) then carries many
 * callers' work; a caller that asks alone commits alone, as soon as it asks, so this adds no wait at low load. Used
 * for the messages of one stage of one tenant (inbox row, handler, outbox rows) and for the notification dispatcher's
 * reads and outcomes.
 *
 * <p>Slow work must not queue behind other slow work: a group takes no more work once it has run for
 * {@link #GROUP_TIME}, and work that has waited {@link #PATIENCE} while every committer is in the middle of work
 * running for longer than that starts another committer, with a transaction of its own. Handlers that take long
 * therefore still run side by side, up to the stage's concurrency, as they did when each message had its own
 * transaction; fast ones share commits. The price: the work that ran before a slow one in its group waits for it, as
 * their commit is its commit.
 *
 * <p>Each caller's work ends with a flush, and the persistence context is cleared before the next, so the work sees
 * the database as if its transaction were its own. When one caller's work throws, the whole transaction is rolled
 * back, that caller gets the failure alone, and the others run again in the committer's next transaction: their first
 * run left nothing behind. Postgres aborts a transaction at its first error, so continuing past it would need a
 * savepoint per caller (two more round trips each, every time, for the rare failure). An outage (the database away)
 * fails every caller of the group: each deals with it as it would alone.
 *
 * <p>The work runs on a committer's virtual thread, with the caller's trace context and log fields.
 */
public final class GroupCommit {

    /** Callers in one transaction at most: Azure's largest receive, so a full batch of messages can commit once. */
    static final int MAX_GROUP = 32;
    /**
     * How long work waits for a committer that is in the middle of one handler before it starts another: well above what
     * a fast handler takes (a fraction of a millisecond to a few), well below what a slow one would add to every message
     * queued behind it.
     */
    static final Duration PATIENCE = Duration.ofMillis(10);
    /**
     * How long a group keeps taking work: the longest a message that ran early in a group waits for its commit, unless a
     * handler after it in the same group is slow.
     */
    static final Duration GROUP_TIME = Duration.ofMillis(50);

    /** Runs one transaction, for a group's work. */
    @FunctionalInterface
    public interface Transactions {
        /** Runs {@code work} in one transaction: commits when it returns, rolls back and throws when it throws. */
        void inTransaction(Consumer<EntityManager> work);
    }

    private final Transactions transactions;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Pending<?>> waiting = new ArrayDeque<>();
    /** The committers running, each with the time its current work began (0 while between works). */
    private final List<Committer> committers = new ArrayList<>();
    /** Work asked for and not finished yet: more committers than that would wait for nothing. */
    private int unfinished;

    /**
     * @param transactions how a group's transaction is run (which role, which tenant, which persistence unit)
     * @param name         names the committers' threads
     */
    public GroupCommit(Transactions transactions, String name) {
        this.transactions = requireNonNull(transactions, "transactions is null");
        this.name = requireNonNull(name, "name is null");
    }

    /**
     * Runs {@code work} in a transaction shared with other callers' work, and returns its result once
     * that transaction committed; throws what {@code work} threw (then nothing of it was committed), or what failed the
     * commit. Must not be called from work running in a group.
     */
    public <T> T run(Function<EntityManager, T> work) {
        Pending<T> pending = new Pending<>(work, Context.current(), MDC.getCopyOfContextMap());
        lock.lock();
        try {
            waiting.add(pending);
            unfinished++;
            if (committers.isEmpty()) {
                startCommitter();
            }
        } finally {
            lock.unlock();
        }
        try {
            return pending.await(this);
        } finally {
            lock.lock();
            try {
                unfinished--;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Called by waiting work every {@link #PATIENCE}: when no committer took it yet because each is in the middle of a
     * handler that has run for longer than that, one more is started. A committer waiting for a connection or for its
     * commit is not passed by: another would wait for the same.
     */
    private void stillWaiting(Pending<?> pending) {
        lock.lock();
        try {
            if (committers.size() < unfinished && waiting.contains(pending) && everyCommitterIsInASlowHandler()) {
                startCommitter();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private boolean everyCommitterIsInASlowHandler() {
        long now = System.nanoTime();
        for (Committer committer : committers) {
            long since = committer.workingSince;
            if (since == 0 || now - since < PATIENCE.toNanos()) {
                return false;
            }
        }
        return true;
    }

    /** Under the lock. */
    private void startCommitter() {
        Committer committer = new Committer();
        Thread.ofVirtual().name("commit-" + name).start(() -> commitWhileWaiting(committer));
        committers.add(committer);
    }

    /** One committer's state, for {@link #stillWaiting}. */
    private static final class Committer {
        /** When the work it runs now began ({@link System#nanoTime}), or 0. */
        volatile long workingSince;
    }

    private Pending<?> nextWaiting() {
        lock.lock();
        try {
            return waiting.poll();
        } finally {
            lock.unlock();
        }
    }

    /** Commits groups of what is waiting until nothing is; then the next caller starts a committer again. */
    private void commitWhileWaiting(Committer committer) {
        try {
            while (true) {
                Pending<?> first;
                lock.lock();
                try {
                    first = waiting.poll();
                    if (first == null) {
                        committers.remove(committer);
                        return;
                    }
                } finally {
                    lock.unlock();
                }
                commitGroupFrom(first, committer);
            }
        } catch (RuntimeException | Error e) {
            // Not expected (every failure completes its work); never leave the count of committers wrong.
            lock.lock();
            try {
                committers.remove(committer);
            } finally {
                lock.unlock();
            }
            throw e;
        }
    }

    /**
     * Runs {@code first} and whatever waits after it (up to {@link #MAX_GROUP}, for up to {@link #GROUP_TIME}) in one
     * transaction and completes each with the commit. Work that throws fails alone; the rest goes back to the head of
     * the queue, to run again.
     */
    private void commitGroupFrom(Pending<?> first, Committer committer) {
        List<Pending<?>> group = new ArrayList<>();
        group.add(first);
        Pending<?>[] running = new Pending<?>[1];
        try {
            transactions.inTransaction(entityManager -> {
                long deadline = System.nanoTime() + GROUP_TIME.toNanos();
                Pending<?> next = first;
                while (next != null) {
                    running[0] = next;
                    committer.workingSince = System.nanoTime();
                    next.runIn(entityManager);
                    committer.workingSince = 0;
                    running[0] = null;
                    next = group.size() < MAX_GROUP && System.nanoTime() < deadline ? nextWaiting() : null;
                    if (next != null) {
                        group.add(next);
                    }
                }
            });
            group.forEach(Pending::committed);
        } catch (RuntimeException | Error e) {
            committer.workingSince = 0;
            Pending<?> failed = running[0];
            if (failed == null || Outages.isOutage(e)) {
                // The commit itself failed, or the database is away: nothing of the group is committed.
                group.forEach(pending -> pending.fail(e));
                return;
            }
            failed.fail(e);
            group.remove(failed);
            lock.lock();
            try {
                for (int i = group.size() - 1; i >= 0; i--) {
                    waiting.addFirst(group.get(i));
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** One message's work, waiting for its group's commit. */
    private static final class Pending<T> {
        private final Function<EntityManager, T> work;
        private final Context trace;
        private final Map<String, String> logFields;
        private final CompletableFuture<T> outcome = new CompletableFuture<>();
        private T result;

        Pending(Function<EntityManager, T> work, Context trace, Map<String, String> logFields) {
            this.work = work;
            this.trace = trace;
            this.logFields = logFields;
        }

        void runIn(EntityManager entityManager) {
            Map<String, String> committerFields = MDC.getCopyOfContextMap();
            setLogFields(logFields);
            try (Scope ignored = trace.makeCurrent()) {
                result = work.apply(entityManager);
                entityManager.flush();
                // The next caller's work starts from the database, not from entities this one loaded.
                entityManager.clear();
            } finally {
                setLogFields(committerFields);
            }
        }

        void committed() {
            outcome.complete(result);
        }

        void fail(Throwable failure) {
            outcome.completeExceptionally(failure);
        }

        T await(GroupCommit group) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return outcome.get(PATIENCE.toNanos(), TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        group.stillWaiting(this);
                    } catch (InterruptedException e) {
                        // The group runs to its end whatever this thread is asked: its outcome decides the message.
                        interrupted = true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        throw e.getCause() instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private static void setLogFields(Map<String, String> fields) {
            if (fields == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(fields);
            }
        }
    }
}
