package dev.conveyor.plugin.healthcare.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class SyncRetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");

    @Test
    void doublesTheDelayFromThirtySeconds() {
        assertThat(IntStream.rangeClosed(1, 7).mapToObj(attempts -> SyncRetryPolicy.nextAttempt(attempts, NOW).orElseThrow()))
                .containsExactly(NOW.plusSeconds(30), NOW.plusSeconds(60), NOW.plusSeconds(120), NOW.plusSeconds(240),
                        NOW.plusSeconds(480), NOW.plusSeconds(960), NOW.plusSeconds(1920));
    }

    @Test
    void givesUpAfterEightAttempts() {
        assertThat(SyncRetryPolicy.nextAttempt(8, NOW)).isEmpty();
        assertThat(SyncRetryPolicy.nextAttempt(9, NOW)).isEmpty();
    }

    @Test
    void capsTheDelayAtAnHour() {
        assertThat(SyncRetryPolicy.delayAfter(8)).isEqualTo(Duration.ofHours(1));
        assertThat(SyncRetryPolicy.delayAfter(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void countsAttemptsFromOne() {
        assertThatThrownBy(() -> SyncRetryPolicy.nextAttempt(0, NOW)).isInstanceOf(IllegalArgumentException.class);
    }
}
