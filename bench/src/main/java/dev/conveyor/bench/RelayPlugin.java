package dev.conveyor.bench;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.NoSettings;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import java.util.List;

/**
 * The engine with no domain work: In -> relay (sends the message on) -> Out -> sink (does nothing). What one worker
 * process sustains on it is the engine's own cost per message: inbox, outbox, lease, send, delete, commits.
 */
final class RelayPlugin implements DomainPlugin<NoSettings> {

    static final String INGEST_ROUTE = "messages";

    record Relayed(String id, String body) {
    }

    private static final Queue<Relayed> IN = Queue.of("In", "bench.relayed.v1", Relayed.class);
    private static final Queue<Relayed> OUT = Queue.of("Out", "bench.relayed.v1", Relayed.class);
    private static final Stage<Relayed> RELAY = Stage.of("relay", IN, OUT);
    private static final Stage<Relayed> SINK = Stage.of("sink", OUT);

    @Override
    public String id() {
        return "bench-relay";
    }

    @Override
    public Topology topology() {
        return Topology.of(RELAY, SINK);
    }

    @Override
    public Handlers handlers(NoSettings settings) {
        return Handlers.builder()
                .on(RELAY, (message, context) -> context.send(OUT, message))
                .on(SINK, (message, context) -> {
                })
                .build();
    }

    @Override
    public List<IngestRoute<?>> ingestRoutes() {
        return List.of(IngestRoute.of(INGEST_ROUTE, IN));
    }
}
