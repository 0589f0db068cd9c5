package dev.conveyor.engine.budget;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one tenant may use in one process, the same for every tenant; set by the operator, never by a tenant.
 *
 * @param ingestPerSecond messages a tenant may submit per second, on average
 * @param ingestBurst     messages a tenant may submit at once after a quiet spell (the bucket's capacity)
 * @param maxConcurrency  handlers running at once across all the tenant's stages; a stage's {@code concurrency}
 *                        above it is clamped, and a tenant admin cannot set one above it
 * @param maxConnections  pooled database connections the tenant's transactions hold at once
 * @param connectionWait  how long an API request waits for one of the tenant's connections before it is answered
 *                        503 (a message handler waits as long as it takes: its lease is renewed meanwhile)
 */
public record TenantBudget(long ingestPerSecond, long ingestBurst, int maxConcurrency, int maxConnections,
        Duration connectionWait) {

    public TenantBudget {
        requireNonNull(connectionWait, "connectionWait is null");
        check(ingestPerSecond >= 1, "ingest-per-second must be at least 1, was " + ingestPerSecond);
        check(ingestBurst >= 1, "ingest-burst must be at least 1, was " + ingestBurst);
        check(maxConcurrency >= 1 && maxConcurrency <= 256, "max-concurrency must be 1..256, was " + maxConcurrency);
        check(maxConnections >= 1, "max-connections must be at least 1, was " + maxConnections);
        check(!connectionWait.isNegative(), "connection-wait must not be negative, was " + connectionWait);
    }

    /**
     * 100 messages/s with bursts of 200, 64 handlers (3 stages at the default 16 fit), 20 connections (two thirds of
     * the default pool of 30: one tenant cannot take it all), API requests wait 500 ms for a connection.
     */
    public static TenantBudget defaults() {
        return new TenantBudget(100, 200, 64, 20, Duration.ofMillis(500));
    }

    /** A budget no single tenant reaches: for benchmarks and embedded use with one tenant. */
    public static TenantBudget unbounded(int poolSize) {
        return new TenantBudget(1_000_000, 1_000_000, 256, poolSize, Duration.ofSeconds(30));
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException("tenant budget: " + message);
        }
    }
}
