package dev.conveyor.engine.budget;

import java.time.Duration;

/** A tenant asked for more than its budget allows right now; the caller may retry after {@link #retryAfter()}. */
public abstract sealed class BudgetExceededException extends dev.conveyor.engine.EngineException
        permits IngestRateExceededException, TenantBusyException {

    BudgetExceededException(dev.conveyor.engine.ErrorCode code, String message, Duration retryAfter) {
        super(code, message, java.util.Objects.requireNonNull(retryAfter, "retryAfter is null"), null);
    }
}
