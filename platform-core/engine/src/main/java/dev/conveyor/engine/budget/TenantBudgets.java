package dev.conveyor.engine.budget;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.TenantGate;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds every tenant's {@link TenantBudget} in this process: a Bucket4j token bucket for its ingest, its
 * {@link HandlerSlots}, and a semaphore in front of the connection pool for its transactions (this class is the
 * database's {@link TenantGate}).
 *
 * <p>A transaction of a message handler ({@link #runAsHandler}) waits for a connection as long as it takes: the
 * message's lease is renewed meanwhile and the wait is no failed delivery. Any other (an API request) waits at most
 * {@link TenantBudget#connectionWait()} and is then refused with {@link TenantBusyException}, so that a caller
 * learns at once to retry instead of hanging behind the tenant's own slow work.
 */
public final class TenantBudgets implements TenantGate {

    private static final ThreadLocal<Boolean> HANDLER = new ThreadLocal<>();
    /** The tenant whose connection this thread holds: a transaction nested in it is not counted twice. */
    private static final ThreadLocal<String> ADMITTED = new ThreadLocal<>();
    private static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(1);

    private final TenantBudget budget;
    private final Map<String, Limits> byTenant = new ConcurrentHashMap<>();

    private record Limits(Bucket ingest, HandlerSlots handlers, Semaphore connections) {
    }

    public TenantBudgets(TenantBudget budget) {
        this.budget = requireNonNull(budget, "budget is null");
    }

    public TenantBudget budget() {
        return budget;
    }

    /** Takes one message from the tenant's ingest budget, or refuses it with the time until one is available. */
    public void admitIngest(String tenantId) {
        ConsumptionProbe probe = limits(tenantId).ingest().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new IngestRateExceededException("tenant '" + tenantId + "' submitted more than its ingest budget of "
                    + budget.ingestPerSecond() + " messages per second (bursts up to " + budget.ingestBurst()
                    + "); retry after the Retry-After delay, spread the submissions out, or ask the operator to raise"
                    + " conveyor.tenant-budget.ingest-per-second", Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /** The tenant's handlers in flight, shared by its stage consumers. */
    public HandlerSlots handlerSlots(String tenantId) {
        return limits(tenantId).handlers();
    }

    /** Connections the tenant's transactions hold now. */
    public int connectionsInUse(String tenantId) {
        return budget.maxConnections() - limits(tenantId).connections().availablePermits();
    }

    /** Runs a message's handling: its transactions wait for a connection of the tenant's budget without a deadline. */
    public static void runAsHandler(Runnable work) {
        HANDLER.set(Boolean.TRUE);
        try {
            work.run();
        } finally {
            HANDLER.remove();
        }
    }

    @Override
    public Admission admit(String tenantId) {
        String outer = ADMITTED.get();
        if (tenantId.equals(outer)) {
            return () -> {
            };
        }
        Semaphore connections = limits(tenantId).connections();
        if (Boolean.TRUE.equals(HANDLER.get())) {
            connections.acquireUninterruptibly();
        } else if (!tryAcquire(connections)) {
            throw new TenantBusyException("tenant '" + tenantId + "' is using all " + budget.maxConnections()
                    + " database connections of its budget (its handlers are busy); retry after the Retry-After delay",
                    BUSY_RETRY_AFTER);
        }
        ADMITTED.set(tenantId);
        return () -> {
            ADMITTED.set(outer);
            connections.release();
        };
    }

    private boolean tryAcquire(Semaphore connections) {
        try {
            return connections.tryAcquire(budget.connectionWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Limits limits(String tenantId) {
        requireNonNull(tenantId, "tenantId is null");
        return byTenant.computeIfAbsent(tenantId, id -> new Limits(
                Bucket.builder()
                        .addLimit(limit -> limit.capacity(budget.ingestBurst())
                                .refillGreedy(budget.ingestPerSecond(), Duration.ofSeconds(1)))
                        .build(),
                new HandlerSlots(budget.maxConcurrency()),
                new Semaphore(budget.maxConnections(), true)));
    }
}
