package dev.conveyor.engine.tenant;

import dev.conveyor.sdk.StageSettings;
import java.time.Duration;

/**
 * A tenant's override of some of a stage's settings; {@code null} fields keep the plugin's default. Applying it
 * builds a {@link StageSettings}, which checks every value against Azure's ranges.
 */
public record StageOverride(
        Boolean enabled,
        Integer concurrency,
        Integer batchSize,
        Duration lease,
        Integer maxDeliveries,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration maxIdlePoll) {

    public static final StageOverride NONE = new StageOverride(null, null, null, null, null, null, null, null);

    /** The plugin's settings with this override's fields in place. */
    public StageSettings applyTo(StageSettings defaults) {
        return new StageSettings(
                concurrency != null ? concurrency : defaults.concurrency(),
                batchSize != null ? batchSize : defaults.batchSize(),
                lease != null ? lease : defaults.lease(),
                maxDeliveries != null ? maxDeliveries : defaults.maxDeliveries(),
                retryBackoff != null ? retryBackoff : defaults.retryBackoff(),
                maxRetryBackoff != null ? maxRetryBackoff : defaults.maxRetryBackoff(),
                maxIdlePoll != null ? maxIdlePoll : defaults.maxIdlePoll());
    }

    public boolean enablesStage() {
        return enabled == null || enabled;
    }

    /** This override with the fields {@code patch} sets replaced. */
    public StageOverride merge(StageOverride patch) {
        return new StageOverride(
                patch.enabled != null ? patch.enabled : enabled,
                patch.concurrency != null ? patch.concurrency : concurrency,
                patch.batchSize != null ? patch.batchSize : batchSize,
                patch.lease != null ? patch.lease : lease,
                patch.maxDeliveries != null ? patch.maxDeliveries : maxDeliveries,
                patch.retryBackoff != null ? patch.retryBackoff : retryBackoff,
                patch.maxRetryBackoff != null ? patch.maxRetryBackoff : maxRetryBackoff,
                patch.maxIdlePoll != null ? patch.maxIdlePoll : maxIdlePoll);
    }
}
