package dev.conveyor.engine.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/** When a failed delivery is tried again: the options' delay for that attempt with ±20 % jitter, throttling honoured. */
final class RetrySchedule {

    /** The longest wait an endpoint's {@code Retry-After} gets: it cannot park its messages for ever. */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final WebhookOptions options;
    private final DoubleSupplier random;

    /** @param random numbers in [0, 1) for the jitter */
    RetrySchedule(WebhookOptions options, DoubleSupplier random) {
        this.options = requireNonNull(options, "options is null");
        this.random = requireNonNull(random, "random is null");
    }

    /**
     * The wait before the next attempt after {@code failedAttempts} attempts failed, or empty when the message has
     * had all its attempts.
     *
     * @param throttled  the endpoint answered 429 or did not answer in time: at least the options' minimum
     * @param retryAfter what the endpoint asked for ({@code Retry-After}), honoured up to {@link #MAX_RETRY_AFTER}
     */
    Optional<Duration> delayAfter(int failedAttempts, boolean throttled, Optional<Duration> retryAfter) {
        if (failedAttempts < 1 || failedAttempts >= options.maxAttempts()) {
            return Optional.empty();
        }
        Duration scheduled = options.retryDelays().get(failedAttempts - 1);
        Duration delay = Duration.ofNanos((long) (scheduled.toNanos() * (0.8 + 0.4 * random.getAsDouble())));
        if (throttled) {
            delay = max(delay, options.throttledMinimum());
        }
        if (retryAfter.isPresent()) {
            delay = max(delay, retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get());
        }
        return Optional.of(delay);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
