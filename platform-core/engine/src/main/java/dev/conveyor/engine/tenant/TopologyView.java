package dev.conveyor.engine.tenant;

import dev.conveyor.sdk.StageSettings;
import java.util.List;
import java.util.Set;

/** A tenant's effective topology as it runs: per stage, its queues, settings, override, and live counts. */
public record TopologyView(String tenantId, String pluginId, long version, List<Stage> stages) {

    /**
     * @param approximateDepth messages in the stage's queue, leased ones included (an upper bound); null when the
     *                         queue service did not answer
     */
    public record Stage(
            String name,
            String consumes,
            Set<String> emits,
            String queue,
            String poisonQueue,
            boolean enabled,
            StageSettings settings,
            StageOverride override,
            Long approximateDepth,
            Long poisonDepth,
            long deadLetters) {
    }
}
