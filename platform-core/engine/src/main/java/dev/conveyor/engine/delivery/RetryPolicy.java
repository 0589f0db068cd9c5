package dev.conveyor.engine.delivery;

import dev.conveyor.sdk.StageSettings;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The one retry policy: exponential from the stage's retry back-off, capped, with +-20 % jitter. */
final class RetryPolicy {

    private RetryPolicy() {
    }

    /** Delay before delivery {@code dequeueCount + 1}, after {@code dequeueCount} failed ones. */
    static Duration delayAfter(long dequeueCount, StageSettings settings) {
        long base = settings.retryBackoff().toMillis();
        long exponent = Math.min(Math.max(dequeueCount - 1, 0), 30);
        long uncapped = base * (1L << exponent);
        long capped = Math.min(uncapped < 0 ? Long.MAX_VALUE : uncapped, settings.maxRetryBackoff().toMillis());
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis((long) (capped * jitter));
    }
}
