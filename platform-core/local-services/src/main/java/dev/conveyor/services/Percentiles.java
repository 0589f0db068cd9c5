package dev.conveyor.services;

import java.util.List;

/** Percentiles of measured latencies, for the demo's summary and the benchmark's table. */
public final class Percentiles {

    private Percentiles() {
    }

    /** The nearest-rank percentile of {@code sorted} (ascending, not empty). */
    public static long nearestRank(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
