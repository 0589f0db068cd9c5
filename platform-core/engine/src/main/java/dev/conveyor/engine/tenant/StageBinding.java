package dev.conveyor.engine.tenant;

import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.StageSettings;
import dev.conveyor.engine.queue.QueueNames;

/** One stage of one tenant, resolved: the physical queue it consumes, its effective settings and handler. */
public record StageBinding(
        String tenantId,
        StageDefinition stage,
        StageSettings settings,
        boolean enabled,
        String queueName,
        boolean entryQueue,
        MessageType<?> messageType,
        Handler<?> handler) {

    public String stageName() {
        return stage.name();
    }

    /** This stage with other settings, as a live topology change makes it. */
    public StageBinding reconfigured(StageSettings settings, boolean enabled) {
        return new StageBinding(tenantId, stage, settings, enabled, queueName, entryQueue, messageType, handler);
    }

    public String poisonQueueName() {
        return QueueNames.poison(queueName);
    }
}
