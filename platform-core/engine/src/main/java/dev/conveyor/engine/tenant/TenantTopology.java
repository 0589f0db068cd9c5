package dev.conveyor.engine.tenant;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.queue.QueueNames;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin's topology resolved for one tenant: each stage bound to its physical queue (and, for a running tenant,
 * to the handler built from its settings), and for each logical queue the physical queues a message sent to it is
 * copied to (one per subscribing stage: fan-out).
 */
public final class TenantTopology {

    private final TenantSpec tenant;
    private final DomainPlugin<?> plugin;
    private final Map<String, StageBinding> stages;
    private final Map<String, List<String>> deliveryQueues;

    /** The topology to name and provision the tenant's queues; its stages have no handlers. */
    public TenantTopology(TenantSpec tenant, DomainPlugin<?> plugin) {
        this(tenant, plugin, null);
    }

    /** The topology of a running tenant, each stage with its handler from {@code handlers} (checked complete before). */
    public TenantTopology(TenantSpec tenant, DomainPlugin<?> plugin, Handlers handlers) {
        this.tenant = requireNonNull(tenant, "tenant is null");
        this.plugin = requireNonNull(plugin, "plugin is null");
        Topology topology = plugin.topology();
        Map<String, StageBinding> stages = new LinkedHashMap<>();
        Map<String, List<String>> deliveryQueues = new LinkedHashMap<>();
        for (Queue<?> queue : topology.queues()) {
            List<Stage<?>> subscribers = topology.subscribers(queue.name());
            List<String> physical = new ArrayList<>();
            for (Stage<?> stage : subscribers) {
                String name = QueueNames.physical(tenant.id(), queue.name(), subscribers.size() > 1 ? stage.name() : null);
                physical.add(name);
                StageOverride override = tenant.stageOverrides().getOrDefault(stage.name(), StageOverride.NONE);
                stages.put(stage.name(), new StageBinding(tenant.id(), stage, override.applyTo(stage.settings()),
                        override.enablesStage(), name, topology.isEntryQueue(queue.name()),
                        handlers == null ? null : handlers.of(stage.name()).orElse(null)));
            }
            deliveryQueues.put(queue.name(), List.copyOf(physical));
        }
        this.stages = Map.copyOf(stages);
        this.deliveryQueues = Map.copyOf(deliveryQueues);
    }

    public TenantSpec tenant() {
        return tenant;
    }

    public DomainPlugin<?> plugin() {
        return plugin;
    }

    public List<StageBinding> stages() {
        return plugin.topology().stages().stream().map(stage -> stages.get(stage.name())).toList();
    }

    public StageBinding stage(String name) {
        StageBinding binding = stages.get(name);
        if (binding == null) {
            throw new IllegalStateException("tenant '" + tenant.id() + "' has no stage '" + name + "' (stages: "
                    + String.join(", ", stages().stream().map(StageBinding::stageName).toList()) + ")");
        }
        return binding;
    }

    /** The physical queues a message sent to {@code logicalQueue} goes to. */
    public List<String> deliveryQueues(String logicalQueue) {
        List<String> queues = deliveryQueues.get(logicalQueue);
        if (queues == null) {
            throw new IllegalStateException("tenant '" + tenant.id() + "' has no queue '" + logicalQueue
                    + "' (queues: " + String.join(", ", deliveryQueues.keySet()) + ")");
        }
        return queues;
    }

    public Queue<?> queue(String logicalQueue) {
        return plugin.topology().queue(logicalQueue).orElseThrow(() -> new IllegalStateException(
                "tenant '" + tenant.id() + "' has no queue '" + logicalQueue + "' (queues: "
                        + String.join(", ", deliveryQueues.keySet()) + ")"));
    }

    /** Every physical queue of the tenant, poison queues included. */
    public List<String> allQueueNames() {
        List<String> names = new ArrayList<>();
        for (StageBinding stage : stages()) {
            names.add(stage.queueName());
            names.add(stage.poisonQueueName());
        }
        return names;
    }
}
