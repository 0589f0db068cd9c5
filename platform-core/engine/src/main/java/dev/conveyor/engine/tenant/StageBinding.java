package dev.conveyor.engine.tenant;

import dev.conveyor.engine.queue.QueueNames;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.StageSettings;

/**
 * One stage of one tenant, resolved: the physical queue it consumes, its effective settings, and the handler the
 * plugin built for the tenant's settings ({@code null} in a topology resolved only to name queues).
 */
public record StageBinding(
        String tenantId,
        Stage<?> stage,
        StageSettings settings,
        boolean enabled,
        String queueName,
        boolean entryQueue,
        Handler<?> handler) {

    public String stageName() {
        return stage.name();
    }

    public MessageType<?> messageType() {
        return stage.consumes().messageType();
    }

    /** This stage with other settings, as a live topology change makes it. */
    public StageBinding reconfigured(StageSettings settings, boolean enabled) {
        return new StageBinding(tenantId, stage, settings, enabled, queueName, entryQueue, handler);
    }

    public String poisonQueueName() {
        return QueueNames.poison(queueName);
    }
}
