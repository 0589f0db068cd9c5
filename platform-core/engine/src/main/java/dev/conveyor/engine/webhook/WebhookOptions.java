package dev.conveyor.engine.webhook;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * How webhooks are delivered: the delays between attempts (Svix's schedule by default: at once, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h, each ±20 %), the least delay after a 429 or a timeout, how long an endpoint may
 * fail without a success before it is disabled, each call's deadline, how many deliveries of one tenant run at
 * once (so one tenant's slow endpoints cannot hold up another's), how often due messages are looked for, and how
 * long a rotated secret keeps signing by default.
 */
public record WebhookOptions(List<Duration> retryDelays, Duration throttledMinimum, Duration disableAfter,
        Duration requestTimeout, int concurrencyPerTenant, Duration pollInterval, Duration rotationGrace) {

    public WebhookOptions {
        retryDelays = List.copyOf(requireNonNull(retryDelays, "retryDelays is null"));
        requireNonNull(throttledMinimum, "throttledMinimum is null");
        requireNonNull(disableAfter, "disableAfter is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(pollInterval, "pollInterval is null");
        requireNonNull(rotationGrace, "rotationGrace is null");
        if (concurrencyPerTenant < 1 || pollInterval.isZero() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("webhook concurrencyPerTenant and pollInterval must be positive");
        }
    }

    public static WebhookOptions defaults() {
        return new WebhookOptions(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)),
                Duration.ofSeconds(60), Duration.ofDays(5), Duration.ofSeconds(15), 4, Duration.ofSeconds(1),
                Duration.ofHours(24));
    }

    /** Attempts a message gets before it fails: the first and one after each delay. */
    public int maxAttempts() {
        return retryDelays.size() + 1;
    }
}
