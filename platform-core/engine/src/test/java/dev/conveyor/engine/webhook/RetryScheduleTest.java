package dev.conveyor.engine.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The default schedule is Svix's: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, each ±20 %, then no more attempts. */
final class RetryScheduleTest {

    private static final List<Duration> SVIX = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));

    @Test
    void eachFailedAttemptWaitsItsScheduledDelayWithinTwentyPercent() {
        RetrySchedule lowest = new RetrySchedule(WebhookOptions.defaults(), () -> 0.0);
        RetrySchedule highest = new RetrySchedule(WebhookOptions.defaults(), () -> 0.999999);
        RetrySchedule middle = new RetrySchedule(WebhookOptions.defaults(), () -> 0.5);

        for (int failed = 1; failed <= 7; failed++) {
            Duration scheduled = SVIX.get(failed - 1);
            assertThat(middle.delayAfter(failed, false, Optional.empty())).hasValue(scheduled);
            assertThat(lowest.delayAfter(failed, false, Optional.empty()).orElseThrow())
                    .isEqualTo(Duration.ofNanos((long) (scheduled.toNanos() * 0.8)));
            assertThat(highest.delayAfter(failed, false, Optional.empty()).orElseThrow())
                    .isLessThanOrEqualTo(Duration.ofNanos((long) (scheduled.toNanos() * 1.2)))
                    .isGreaterThan(scheduled);
        }
        assertThat(middle.delayAfter(8, false, Optional.empty())).isEmpty();
        assertThat(WebhookOptions.defaults().maxAttempts()).isEqualTo(8);
    }

    @Test
    void aThrottledOrTimedOutAttemptWaitsAtLeastAMinuteAndRetryAfterIsHonoured() {
        RetrySchedule schedule = new RetrySchedule(WebhookOptions.defaults(), () -> 0.5);

        assertThat(schedule.delayAfter(1, true, Optional.empty())).hasValue(Duration.ofSeconds(60));
        assertThat(schedule.delayAfter(1, true, Optional.of(Duration.ofSeconds(120)))).hasValue(Duration.ofSeconds(120));
        assertThat(schedule.delayAfter(1, false, Optional.of(Duration.ofSeconds(30)))).hasValue(Duration.ofSeconds(30));
        assertThat(schedule.delayAfter(2, false, Optional.of(Duration.ofSeconds(30)))).hasValue(Duration.ofMinutes(5));
        // An endpoint cannot push its next attempt further than a day.
        assertThat(schedule.delayAfter(1, false, Optional.of(Duration.ofDays(30)))).hasValue(Duration.ofDays(1));
    }
}
