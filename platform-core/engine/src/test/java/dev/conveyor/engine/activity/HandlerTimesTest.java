package dev.conveyor.engine.activity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class HandlerTimesTest {

    @Test
    void aDurationFallsInTheFirstBucketWhoseBoundExceedsIt() {
        assertThat(HandlerTimes.bucketOf(0)).isZero();
        assertThat(HandlerTimes.bucketOf(4_999_999)).isZero();
        assertThat(HandlerTimes.bucketOf(5_000_000)).isEqualTo(1);
        assertThat(HandlerTimes.bucketOf(60_000_000_000L)).isEqualTo(HandlerTimes.BUCKETS - 1);
    }

    @Test
    void theP95IsTheBoundOfTheBucketHoldingTheNinetyFifthPercent() {
        long[] counts = new long[HandlerTimes.BUCKETS];
        assertThat(HandlerTimes.quantileMillis(counts, 0.95)).isNull();
        counts[0] = 95;
        counts[4] = 5;
        assertThat(HandlerTimes.quantileMillis(counts, 0.95)).isEqualTo(5);
        counts[0] = 94;
        assertThat(HandlerTimes.quantileMillis(counts, 0.95)).isEqualTo(100);
        counts[HandlerTimes.BUCKETS - 1] = 1_000;
        assertThat(HandlerTimes.quantileMillis(counts, 0.95)).isEqualTo(Long.MAX_VALUE);
    }
}
