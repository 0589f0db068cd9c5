package dev.conveyor.server.console.pipeline;

import dev.conveyor.engine.activity.PipelineActivity.StageFigures;
import java.time.Duration;
import java.time.Instant;

/**
 * One stage's figures as the page writes them (the same strings in the graph, the table and the event stream), so the
 * browser only puts text in place. A dash stands for "nothing to show" (no message handled, queue not polled yet).
 * Public only for the template's expressions and the stream's JSON.
 */
public record StageFigureView(String stage, String rate, String processed, String errors, String p95, String inFlight,
        String depth, String oldest) {

    static final String NONE = "—";

    static StageFigureView of(StageFigures figures, Instant now) {
        return new StageFigureView(figures.stage(), Long.toString(figures.perMinute()), Long.toString(figures.processed()),
                Long.toString(figures.failed()), p95(figures.p95Millis()), Integer.toString(figures.inFlight()),
                figures.depth() == null ? NONE : Long.toString(figures.depth()), age(figures.oldestWaiting(), now));
    }

    private static String p95(Long millis) {
        if (millis == null) {
            return NONE;
        }
        if (millis == Long.MAX_VALUE) {
            return "> 30 s";
        }
        return millis < 1_000 ? "≤ " + millis + " ms" : "≤ " + (millis % 1_000 == 0 ? Long.toString(millis / 1_000)
                : Double.toString(millis / 1_000.0)) + " s";
    }

    private static String age(Instant oldest, Instant now) {
        if (oldest == null) {
            return NONE;
        }
        long seconds = Math.max(0, Duration.between(oldest, now).toSeconds());
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " min";
        }
        return seconds / 3_600 + " h";
    }
}
