package dev.conveyor.bench;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.Topology;
import java.util.List;
import java.util.Map;

/**
 * The engine with no domain work: In -> relay (emits the message on) -> Out -> sink (does nothing). What one worker
 * process sustains on it is the engine's own cost per message: inbox, outbox, lease, send, delete, commits.
 */
final class RelayPlugin implements DomainPlugin {

    static final String INGEST_ROUTE = "messages";

    record Relayed(String id, String body) {
    }

    private static final MessageType<Relayed> RELAYED = MessageType.of("bench.relayed.v1", Relayed.class);

    @Override
    public String id() {
        return "bench-relay";
    }

    @Override
    public Topology topology() {
        return Topology.builder()
                .queue("In", RELAYED)
                .queue("Out", RELAYED)
                .stage(StageDefinition.of("relay", "In", "Out"))
                .stage(StageDefinition.of("sink", "Out"))
                .build();
    }

    @Override
    public Map<String, Handler<?>> handlers() {
        Handler<Relayed> relay = (message, context) -> context.emit("Out", message);
        Handler<Relayed> sink = (message, context) -> {
        };
        return Map.of("relay", relay, "sink", sink);
    }

    @Override
    public List<IngestRoute> ingestRoutes() {
        return List.of(new IngestRoute(INGEST_ROUTE, "In"));
    }
}
