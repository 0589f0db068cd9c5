package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * A provider did not take a message. The message is shown to the tenant in the delivery record: it names the provider's
 * answer (status, error code) and never the recipient's address.
 */
public final class ProviderFailure extends Exception {

    private final ErrorCategory category;
    private final Duration retryAfter;

    public ProviderFailure(ErrorCategory category, String message) {
        this(category, message, null);
    }

    /** @param retryAfter how long the provider asked to wait (HTTP {@code Retry-After}), or null */
    public ProviderFailure(ErrorCategory category, String message, Duration retryAfter) {
        super(requireNonNull(message, "message is null"), null, false, false);
        this.category = requireNonNull(category, "category is null");
        this.retryAfter = retryAfter;
    }

    public ErrorCategory category() {
        return category;
    }

    /** How long the provider asked to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
