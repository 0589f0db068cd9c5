package dev.conveyor.engine.activity;

import java.util.List;

/**
 * The fixed buckets handler durations are counted in. Every process uses the same bounds, so histograms from several
 * processes add up bucket by bucket and a percentile can be read from the sum (a percentile of percentiles could not).
 */
public final class HandlerTimes {

    /** Upper bounds in milliseconds; the last bucket holds everything slower than the last bound. */
    static final long[] BOUNDS_MILLIS = {5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000};
    static final int BUCKETS = BOUNDS_MILLIS.length + 1;

    private HandlerTimes() {
    }

    static int bucketOf(long nanos) {
        long millis = nanos / 1_000_000;
        for (int i = 0; i < BOUNDS_MILLIS.length; i++) {
            if (millis < BOUNDS_MILLIS[i]) {
                return i;
            }
        }
        return BOUNDS_MILLIS.length;
    }

    /**
     * The upper bound (in milliseconds) of the bucket holding the {@code quantile} of {@code counts}; {@code null} when
     * nothing was counted, {@link Long#MAX_VALUE} when it falls in the open last bucket.
     */
    static Long quantileMillis(long[] counts, double quantile) {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < BOUNDS_MILLIS.length ? BOUNDS_MILLIS[i] : Long.MAX_VALUE;
            }
        }
        return Long.MAX_VALUE;
    }

    /** The bounds, for documentation and tests. */
    public static List<Long> boundsMillis() {
        return java.util.Arrays.stream(BOUNDS_MILLIS).boxed().toList();
    }
}
