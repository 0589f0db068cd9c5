package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How a stage consumes its queue.
 *
 * @param concurrency      messages handled at once by one process
 * @param batchSize        messages fetched per receive, 1..32 (Azure's limit)
 * @param lease            visibility timeout of a received message; renewed at half-life while its handler runs
 * @param maxDeliveries    deliveries before a message goes to the dead letters (Azure's dequeue count)
 * @param retryBackoff     delay before the first retry; doubles per delivery up to {@code maxRetryBackoff}
 * @param maxRetryBackoff  upper bound of the retry delay
 * @param maxIdlePoll      upper bound of the randomized exponential back-off between empty receives
 */
public record StageSettings(
        int concurrency,
        int batchSize,
        Duration lease,
        int maxDeliveries,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration maxIdlePoll) {

    public StageSettings {
        requireNonNull(lease, "lease is null");
        requireNonNull(retryBackoff, "retryBackoff is null");
        requireNonNull(maxRetryBackoff, "maxRetryBackoff is null");
        requireNonNull(maxIdlePoll, "maxIdlePoll is null");
        check(concurrency >= 1 && concurrency <= 256, "concurrency must be 1..256, was " + concurrency);
        check(batchSize >= 1 && batchSize <= 32, "batchSize must be 1..32 (Azure's receive limit), was " + batchSize);
        check(lease.toSeconds() >= 1 && lease.compareTo(Duration.ofDays(7)) <= 0,
                "lease must be 1 s..7 days (Azure's visibility range), was " + lease);
        check(maxDeliveries >= 1 && maxDeliveries <= 100, "maxDeliveries must be 1..100, was " + maxDeliveries);
        check(!retryBackoff.isNegative() && retryBackoff.compareTo(maxRetryBackoff) <= 0,
                "retryBackoff must be >= 0 and <= maxRetryBackoff, was " + retryBackoff);
        check(maxRetryBackoff.compareTo(Duration.ofDays(7)) <= 0, "maxRetryBackoff must be at most 7 days, was " + maxRetryBackoff);
        check(maxIdlePoll.toMillis() >= 100 && maxIdlePoll.compareTo(Duration.ofMinutes(5)) <= 0,
                "maxIdlePoll must be 100 ms..5 min, was " + maxIdlePoll);
    }

    /** Defaults after Azure Functions' queue trigger (batch 16, 5 deliveries) with a separate retry delay. */
    public static StageSettings defaults() {
        return new StageSettings(16, 16, Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofMinutes(2),
                Duration.ofSeconds(2));
    }

    public StageSettings withConcurrency(int concurrency) {
        return new StageSettings(concurrency, batchSize, lease, maxDeliveries, retryBackoff, maxRetryBackoff, maxIdlePoll);
    }

    public StageSettings withBatchSize(int batchSize) {
        return new StageSettings(concurrency, batchSize, lease, maxDeliveries, retryBackoff, maxRetryBackoff, maxIdlePoll);
    }

    public StageSettings withLease(Duration lease) {
        return new StageSettings(concurrency, batchSize, lease, maxDeliveries, retryBackoff, maxRetryBackoff, maxIdlePoll);
    }

    public StageSettings withMaxDeliveries(int maxDeliveries) {
        return new StageSettings(concurrency, batchSize, lease, maxDeliveries, retryBackoff, maxRetryBackoff, maxIdlePoll);
    }

    public StageSettings withRetryBackoff(Duration retryBackoff, Duration maxRetryBackoff) {
        return new StageSettings(concurrency, batchSize, lease, maxDeliveries, retryBackoff, maxRetryBackoff, maxIdlePoll);
    }

    public StageSettings withMaxIdlePoll(Duration maxIdlePoll) {
        return new StageSettings(concurrency, batchSize, lease, maxDeliveries, retryBackoff, maxRetryBackoff, maxIdlePoll);
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
