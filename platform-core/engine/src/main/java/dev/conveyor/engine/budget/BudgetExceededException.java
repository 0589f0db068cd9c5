package dev.conveyor.engine.budget;

import java.time.Duration;

/** A tenant asked for more than its budget allows right now; the caller may retry after {@link #retryAfter()}. */
public abstract sealed class BudgetExceededException extends RuntimeException
        permits IngestRateExceededException, TenantBusyException {

    private final Duration retryAfter;

    BudgetExceededException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for a {@code Retry-After} header, at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
