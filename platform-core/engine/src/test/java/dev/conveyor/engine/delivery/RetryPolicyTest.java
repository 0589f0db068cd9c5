package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.StageSettings;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

final class RetryPolicyTest {

    private static final StageSettings SETTINGS = StageSettings.defaults()
            .withRetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    @RepeatedTest(20)
    void theDelayDoublesPerDeliveryWithinTwentyPercentJitterUpToTheCap() {
        assertThat(RetryPolicy.delayAfter(1, SETTINGS)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        assertThat(RetryPolicy.delayAfter(2, SETTINGS)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
        assertThat(RetryPolicy.delayAfter(4, SETTINGS)).isBetween(Duration.ofMillis(6400), Duration.ofMillis(9600));
        assertThat(RetryPolicy.delayAfter(10, SETTINGS)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
        assertThat(RetryPolicy.delayAfter(1_000, SETTINGS)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36));
    }
}
