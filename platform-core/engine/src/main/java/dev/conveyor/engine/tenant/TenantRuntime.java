package dev.conveyor.engine.tenant;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.delivery.StageConsumer;
import java.time.Duration;
import java.util.List;

/** A running tenant: its resolved topology and one consumer per stage. */
public final class TenantRuntime {

    private final TenantTopology topology;
    private final List<StageConsumer> consumers;

    public TenantRuntime(TenantTopology topology, List<StageConsumer> consumers) {
        this.topology = requireNonNull(topology, "topology is null");
        this.consumers = List.copyOf(requireNonNull(consumers, "consumers is null"));
    }

    public TenantTopology topology() {
        return topology;
    }

    public List<StageConsumer> consumers() {
        return consumers;
    }

    public void start() {
        consumers.forEach(StageConsumer::start);
    }

    /** Stops every stage at once, giving in-flight messages up to {@code grace} to finish. */
    public void stop(Duration grace) {
        List<Thread> stopping = consumers.stream()
                .map(consumer -> Thread.ofVirtual().start(() -> consumer.stop(grace)))
                .toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
