package dev.conveyor.engine.topology;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.engine.runtime.TenantRuntimes;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.StageCaps;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TenantStore;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.engine.tenant.TopologyChange;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * A tenant's topology as an operator sees and tunes it: its stages with live queue depths and dead-letter counts,
 * stage overrides (checked against Azure's ranges and the operator's caps, versioned, audited), and their history.
 */
public final class Topologies {

    private final TenantStore store;
    private final TenantRuntimes runtimes;
    private final TenantTransports transports;
    private final DeadLetters deadLetters;
    private final StageCaps stageCaps;
    private final IntSupplier concurrencyCap;

    /**
     * @param concurrencyCap the tenant budget's handlers in flight, the cap on a stage override's concurrency
     */
    public Topologies(TenantStore store, TenantRuntimes runtimes, TenantTransports transports, DeadLetters deadLetters,
            StageCaps stageCaps, IntSupplier concurrencyCap) {
        this.store = requireNonNull(store, "store is null");
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.stageCaps = requireNonNull(stageCaps, "stageCaps is null");
        this.concurrencyCap = requireNonNull(concurrencyCap, "concurrencyCap is null");
    }

    /** The tenant's effective topology with live queue depths and dead-letter counts. */
    public TopologyView of(String tenantId) {
        TenantRecord tenant = store.existing(tenantId);
        TenantTopology topology = new TenantTopology(tenant.spec(), runtimes.pluginOf(tenant));
        QueueTransport transport = transports.forTenant(tenantId);
        Map<String, Long> deadLettersByStage = deadLetters.countByStage(tenantId);
        List<TopologyView.Stage> stages = new ArrayList<>();
        for (StageBinding stage : topology.stages()) {
            stages.add(new TopologyView.Stage(stage.stageName(), stage.stage().consumes().name(),
                    stage.stage().emits().stream().map(Queue::name).collect(Collectors.toCollection(LinkedHashSet::new)),
                    stage.queueName(), stage.poisonQueueName(), stage.enabled(), stage.settings(),
                    tenant.stageOverrides().getOrDefault(stage.stageName(), StageOverride.NONE),
                    depth(transport, stage.queueName()), depth(transport, stage.poisonQueueName()),
                    deadLettersByStage.getOrDefault(stage.stageName(), 0L)));
        }
        return new TopologyView(tenantId, tenant.pluginId(), tenant.topologyVersion(), stages);
    }

    /**
     * Overrides some settings of one stage for the tenant, if its topology is still at {@code expectedVersion}.
     * The result is checked against Azure's ranges and the operator's caps, stored as a new version with an audit
     * record, and applied to running consumers (here at once, on other instances within the reconcile interval).
     */
    public TenantRecord overrideStage(String tenantId, String stage, StageOverride patch, long expectedVersion, String actor) {
        TenantRecord tenant = store.existing(tenantId);
        DomainPlugin<?> plugin = runtimes.pluginOf(tenant);
        Stage<?> definition = plugin.topology().stage(stage).orElseThrow(() -> new NotFoundException(
                "tenant '" + tenantId + "' has no stage '" + stage + "' (stages: " + String.join(", ",
                        plugin.topology().stages().stream().map(Stage::name).toList()) + ")"));
        StageOverride merged = tenant.stageOverrides().getOrDefault(stage, StageOverride.NONE).merge(patch);
        List<Violation> problems = stageCaps.problems(merged, definition.settings(), concurrencyCap.getAsInt());
        if (!problems.isEmpty()) {
            throw new ValidationException("stage '" + stage + "' settings", problems);
        }
        Map<String, StageOverride> overrides = new LinkedHashMap<>(tenant.stageOverrides());
        overrides.put(stage, merged);
        TenantRecord updated = store.replaceOverrides(tenantId, expectedVersion, overrides, actor);
        runtimes.reconcile(updated);
        return updated;
    }

    /** The tenant's stage override changes, newest first. */
    public List<TopologyChange> audit(String tenantId) {
        store.existing(tenantId);
        return store.audit(tenantId);
    }

    private static Long depth(QueueTransport transport, String queue) {
        try {
            return transport.approximateDepth(queue);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
