package dev.conveyor.engine.health;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.DatabaseUnavailableException;
import dev.conveyor.engine.housekeeping.Housekeeping;
import dev.conveyor.engine.outbox.ParkedMessages;
import dev.conveyor.engine.queue.QueueTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What health probes ask of the engine: whether Postgres and the platform's queue service answer (each bounded), the
 * periodic loops, and the outbox rows given up on.
 */
public final class EngineHealth {

    private final Database database;
    private final QueueTransport platformQueues;
    private final Housekeeping housekeeping;
    private final ParkedMessages parked;

    public EngineHealth(Database database, QueueTransport platformQueues, Housekeeping housekeeping, ParkedMessages parked) {
        this.database = requireNonNull(database, "database is null");
        this.platformQueues = requireNonNull(platformQueues, "platformQueues is null");
        this.housekeeping = requireNonNull(housekeeping, "housekeeping is null");
        this.parked = requireNonNull(parked, "parked is null");
    }

    /**
     * Runs {@code select 1} through the API requests' pool (short deadlines, circuit breaker).
     *
     * @throws DatabaseUnavailableException when Postgres does not answer; not when every connection is busy with
     *                                      requests, which means it answers: a busy instance is still ready
     */
    public void pingDatabase() {
        try (Database.RequestScope ignored = Database.servingRequest()) {
            database.inPlatformTransaction(entityManager -> Database.execute(entityManager, "select 1"));
        } catch (DatabaseUnavailableException e) {
            if (!e.poolBusy()) {
                throw e;
            }
        }
    }

    /**
     * Asks the platform's queue service for its properties, waiting at most {@code deadline} (on a thread of its
     * own, so a hanging service never holds the caller longer).
     *
     * @throws TimeoutException when it gave no answer in time
     * @throws Exception        what the service answered instead
     */
    public void pingQueues(Duration deadline) throws Exception {
        CompletableFuture<Void> ping = CompletableFuture.runAsync(platformQueues::ping,
                runnable -> Thread.ofVirtual().name("health-queue-ping").start(runnable));
        try {
            ping.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            ping.cancel(true);
            throw new TimeoutException("no answer within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** The periodic loops with their last completion, failures and whether one is stalled. */
    public List<Housekeeping.LoopStatus> housekeeping() {
        return housekeeping.status();
    }

    /** Outbox rows of every tenant the sweeper gave up on. */
    public long parkedMessages() {
        return parked.count();
    }
}
