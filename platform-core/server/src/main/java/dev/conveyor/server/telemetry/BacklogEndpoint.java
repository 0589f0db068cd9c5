package dev.conveyor.server.telemetry;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.telemetry.StageBacklog;
import java.util.List;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.stereotype.Component;

/**
 * {@code GET /actuator/backlog} (every stage) and {@code /actuator/backlog/{stage}}: a stage's messages summed over
 * every active tenant's queue feeding it, and its oldest visible message's age, from the engine's last backlog poll
 * (no storage call per request). KEDA's {@code metrics-api} trigger reads {@code messages}. A stage no tenant has
 * (yet) answers zero, so a scaler configured before the first tenant keeps working.
 */
@Component
@Endpoint(id = "backlog")
class BacklogEndpoint {

    private final ConveyorEngine engine;

    BacklogEndpoint(ConveyorEngine engine) {
        this.engine = engine;
    }

    @ReadOperation
    Stages stages() {
        return new Stages(engine.backlog().stages());
    }

    @ReadOperation
    StageBacklog stage(@Selector String stage) {
        return engine.backlog().stage(stage);
    }

    record Stages(List<StageBacklog> stages) {
    }
}
