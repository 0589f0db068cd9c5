package dev.conveyor.engine;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure the engine reports to its callers, with its {@link ErrorCode} (which the API maps to a status) and a
 * message that names the problem and the fix. Subclasses only give common codes a name callers can catch.
 */
public class EngineException extends RuntimeException {

    private final ErrorCode code;
    private final Duration retryAfter;

    public EngineException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public EngineException(ErrorCode code, String message, Throwable cause) {
        this(code, message, null, cause);
    }

    /** @param retryAfter when the caller may try again (for {@link ErrorCode#RATE_LIMITED} and {@link ErrorCode#UNAVAILABLE}) */
    public EngineException(ErrorCode code, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.code = requireNonNull(code, "code is null");
        this.retryAfter = retryAfter;
    }

    public ErrorCode code() {
        return code;
    }

    /** When a retry may succeed, if the failure is a passing one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
