package dev.conveyor.engine.runtime;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.delivery.StageConsumer;
import dev.conveyor.engine.tenant.TenantTopology;
import java.time.Duration;
import java.util.List;

/**
 * A tenant as this process runs it: its resolved topology, its settings and handlers, one consumer per stage, and which stored versions
 * of the tenant and of its topology it reflects. A suspended tenant keeps its runtime (views still answer) with
 * its consumers stopped.
 */
public final class TenantRuntime {

    private final long version;
    private final TenantInstance instance;
    private final List<StageConsumer> consumers;
    private volatile TenantTopology topology;
    private volatile long topologyVersion;
    private volatile boolean consuming;

    public TenantRuntime(TenantTopology topology, TenantInstance instance, List<StageConsumer> consumers, long version,
            long topologyVersion) {
        this.topology = requireNonNull(topology, "topology is null");
        this.instance = requireNonNull(instance, "instance is null");
        this.consumers = List.copyOf(requireNonNull(consumers, "consumers is null"));
        this.version = version;
        this.topologyVersion = topologyVersion;
    }

    public TenantTopology topology() {
        return topology;
    }

    /** The tenant's settings and handlers, as its plugin built them for this version. */
    public TenantInstance instance() {
        return instance;
    }

    public List<StageConsumer> consumers() {
        return consumers;
    }

    /** The stored tenant version (plugin config, display name) this runtime was built from. */
    public long version() {
        return version;
    }

    public long topologyVersion() {
        return topologyVersion;
    }

    public boolean consuming() {
        return consuming;
    }

    public void start() {
        consumers.forEach(StageConsumer::start);
        consuming = true;
    }

    /** Applies changed stage settings to the running consumers, without a restart. */
    public void reconfigure(TenantTopology changed, long changedTopologyVersion) {
        for (StageConsumer consumer : consumers) {
            consumer.reconfigure(changed.stage(consumer.stage().stageName()));
        }
        this.topology = changed;
        this.topologyVersion = changedTopologyVersion;
    }

    /** Stops every stage at once, giving in-flight messages up to {@code grace} to finish. */
    public void stop(Duration grace) {
        consuming = false;
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
