package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Postgres did not answer an API request's transaction in time, or the request pool's circuit breaker is open
 * after repeated connection failures. Nothing was committed unless the commit itself went unanswered; a client
 * retries after {@link #retryAfter()}, with the same Idempotency-Key, and ends with one message either way.
 */
public final class DatabaseUnavailableException extends dev.conveyor.engine.EngineException {

    private final boolean poolBusy;

    DatabaseUnavailableException(String message, Duration retryAfter, boolean poolBusy, Throwable cause) {
        super(dev.conveyor.engine.ErrorCode.UNAVAILABLE, message, requireNonNull(retryAfter, "retryAfter is null"), cause);
        this.poolBusy = poolBusy;
    }

    /** Postgres answers, but every connection for API requests was in use: load, not an outage. */
    public boolean poolBusy() {
        return poolBusy;
    }
}
