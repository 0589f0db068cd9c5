package dev.conveyor.engine.tenant;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.StageSettings;
import dev.conveyor.sdk.Violation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's upper bounds on what a tenant may set in a {@link StageOverride}, tighter than Azure's ranges: a
 * tenant admin cannot hold messages for days, retry them a hundred times or poll at a crawl. A stage's concurrency is
 * bounded by the tenant budget's {@code max-concurrency} instead. The plugin's own defaults are not capped.
 */
public record StageCaps(int batchSize, Duration lease, int maxDeliveries, Duration retryBackoff,
        Duration maxRetryBackoff, Duration maxIdlePoll) {

    public StageCaps {
        requireNonNull(lease, "lease is null");
        requireNonNull(retryBackoff, "retryBackoff is null");
        requireNonNull(maxRetryBackoff, "maxRetryBackoff is null");
        requireNonNull(maxIdlePoll, "maxIdlePoll is null");
    }

    /** Batch 32 (Azure's limit), lease 10 min, 20 deliveries, retry back-off 10 min rising to at most 1 h, idle poll 1 min. */
    public static StageCaps defaults() {
        return new StageCaps(32, Duration.ofMinutes(10), 20, Duration.ofMinutes(10), Duration.ofHours(1),
                Duration.ofMinutes(1));
    }

    /**
     * Every problem of {@code override} on a stage whose plugin defaults are {@code defaults}: a value outside Azure's
     * ranges (as {@link StageSettings} checks them) or above its cap, each named as in the PATCH body, with the fix.
     */
    public List<Violation> problems(StageOverride override, StageSettings defaults, int concurrencyCap) {
        List<Violation> problems = new ArrayList<>();
        try {
            override.applyTo(defaults);
        } catch (IllegalArgumentException e) {
            // StageSettings names the field first in its message ("batchSize must be 1-32, ...").
            problems.add(new Violation(e.getMessage().split(" ")[0], e.getMessage()));
        }
        problems.addAll(check(override, concurrencyCap));
        return problems;
    }

    /** Each field of {@code override} above its cap, named as in the PATCH body, with the cap and the fix. */
    List<Violation> check(StageOverride override, int concurrencyCap) {
        List<Violation> violations = new ArrayList<>();
        if (override.concurrency() != null && override.concurrency() > concurrencyCap) {
            violations.add(new Violation("concurrency", override.concurrency() + " is above this tenant's budget of "
                    + concurrencyCap + " handlers in flight (conveyor.tenant-budget.max-concurrency); set at most "
                    + concurrencyCap + ", or ask the operator to raise the budget"));
        }
        if (override.batchSize() != null && override.batchSize() > batchSize) {
            violations.add(above("batchSize", override.batchSize().toString(), Integer.toString(batchSize), "batch-size"));
        }
        if (override.lease() != null && override.lease().compareTo(lease) > 0) {
            violations.add(above("lease", override.lease().toString(), lease.toString(), "lease"));
        }
        if (override.maxDeliveries() != null && override.maxDeliveries() > maxDeliveries) {
            violations.add(above("maxDeliveries", override.maxDeliveries().toString(), Integer.toString(maxDeliveries),
                    "max-deliveries"));
        }
        if (override.retryBackoff() != null && override.retryBackoff().compareTo(retryBackoff) > 0) {
            violations.add(above("retryBackoff", override.retryBackoff().toString(), retryBackoff.toString(),
                    "retry-backoff"));
        }
        if (override.maxRetryBackoff() != null && override.maxRetryBackoff().compareTo(maxRetryBackoff) > 0) {
            violations.add(above("maxRetryBackoff", override.maxRetryBackoff().toString(), maxRetryBackoff.toString(),
                    "max-retry-backoff"));
        }
        if (override.maxIdlePoll() != null && override.maxIdlePoll().compareTo(maxIdlePoll) > 0) {
            violations.add(above("maxIdlePoll", override.maxIdlePoll().toString(), maxIdlePoll.toString(), "max-idle-poll"));
        }
        return violations;
    }

    private static Violation above(String field, String value, String cap, String key) {
        return new Violation(field, value + " is above the operator's cap of " + cap + " (conveyor.stage-caps." + key
                + "); set at most " + cap + ", or ask the operator to raise the cap");
    }
}
