package dev.conveyor.engine.budget;

import java.time.Duration;

/** The tenant submitted messages faster than its ingest budget; nothing was accepted (the API answers 429). */
public final class IngestRateExceededException extends BudgetExceededException {

    IngestRateExceededException(String message, Duration retryAfter) {
        super(dev.conveyor.engine.ErrorCode.RATE_LIMITED, message, retryAfter);
    }
}
