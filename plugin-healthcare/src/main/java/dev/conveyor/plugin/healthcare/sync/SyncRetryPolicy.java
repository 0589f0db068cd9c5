package dev.conveyor.plugin.healthcare.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed post to a system of record is tried again: 30 s after the first failure, doubling up to an hour,
 * for 8 attempts in all (about an hour of outage). Separate from the engine's message retries, which redeliver a
 * whole message: this one retries one system while the others' successes stay committed.
 */
public final class SyncRetryPolicy {

    public static final int MAX_ATTEMPTS = 8;
    public static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    public static final Duration MAX_DELAY = Duration.ofHours(1);

    private SyncRetryPolicy() {
    }

    /** When to make attempt {@code attemptsMade + 1}, after {@code attemptsMade} failed ones; empty when they are used up. */
    public static Optional<Instant> nextAttempt(int attemptsMade, Instant now) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("attemptsMade must be at least 1, was " + attemptsMade);
        }
        if (attemptsMade >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        return Optional.of(now.plus(delayAfter(attemptsMade)));
    }

    static Duration delayAfter(int attemptsMade) {
        int doublings = Math.min(attemptsMade - 1, 20);
        Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
