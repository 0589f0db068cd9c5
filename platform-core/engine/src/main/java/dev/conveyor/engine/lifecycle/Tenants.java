package dev.conveyor.engine.lifecycle;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.apikey.ApiKeys;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.engine.runtime.TenantRuntimes;
import dev.conveyor.engine.storage.StorageAccount;
import dev.conveyor.engine.storage.StoragePolicy;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.StageCaps;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.tenant.TenantStatus;
import dev.conveyor.engine.tenant.TenantStore;
import dev.conveyor.engine.tenant.TenantTeardown;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an operator does to a tenant: create (with its queues), read, update its settings, suspend, resume, delete.
 * Each change is stored first and then applied to this process's runtime at once; other instances follow within
 * their reconcile interval.
 */
public final class Tenants {

    private static final Logger log = LoggerFactory.getLogger(Tenants.class);

    private final TenantStore store;
    private final PluginRegistry plugins;
    private final TenantTransports transports;
    private final TenantRuntimes runtimes;
    private final ApiKeys apiKeys;
    private final Outbox outbox;
    private final TenantTeardown teardown;
    private final StageCaps stageCaps;
    private final IntSupplier concurrencyCap;
    private final StoragePolicy storagePolicy;

    /**
     * @param concurrencyCap the tenant budget's handlers in flight, the cap on a stage override's concurrency
     * @param storagePolicy  what a tenant may name for a storage account of its own
     */
    public Tenants(TenantStore store, PluginRegistry plugins, TenantTransports transports, TenantRuntimes runtimes,
            ApiKeys apiKeys, Outbox outbox, TenantTeardown teardown, StageCaps stageCaps, IntSupplier concurrencyCap,
            StoragePolicy storagePolicy) {
        this.store = requireNonNull(store, "store is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.runtimes = requireNonNull(runtimes, "runtimes is null");
        this.apiKeys = requireNonNull(apiKeys, "apiKeys is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.teardown = requireNonNull(teardown, "teardown is null");
        this.stageCaps = requireNonNull(stageCaps, "stageCaps is null");
        this.concurrencyCap = requireNonNull(concurrencyCap, "concurrencyCap is null");
        this.storagePolicy = requireNonNull(storagePolicy, "storagePolicy is null");
    }

    /** The outcome of a create: the tenant, and whether this call made it (false: it existed already). */
    public record Creation(TenantRecord tenant, boolean created) {
    }

    /**
     * Creates the tenant and provisions its queues, then runs it. Idempotent: repeating the same create (after a
     * crash halfway, say) finishes the provisioning and returns the tenant.
     *
     * @throws ValidationException when the id, plugin, configuration or overrides are invalid (every problem listed)
     * @throws ConflictException   when the id belongs to a tenant of another plugin, or to a deleted tenant
     */
    public Creation create(TenantSpec spec) {
        DomainPlugin<?> plugin = validate(spec, storageProblems(spec));
        boolean created = store.find(spec.id()).isEmpty();
        TenantRecord stored = store.insertIfAbsent(spec);
        if (stored.status() == TenantStatus.DELETED) {
            throw new ConflictException("tenant id '" + spec.id() + "' belonged to a deleted tenant; pick another id");
        }
        if (!stored.pluginId().equals(plugin.id())) {
            throw new ConflictException("tenant '" + spec.id() + "' already exists with plugin '" + stored.pluginId()
                    + "', not '" + plugin.id() + "'; pick another tenant id");
        }
        if (stored.status() == TenantStatus.PROVISIONING) {
            QueueTransport transport = transports.assign(stored.id(), stored.storageConnectionString());
            transport.createQueues(new TenantTopology(stored.spec(), plugin).allQueueNames());
            stored = store.setStatus(stored.id(), TenantStatus.ACTIVE);
            log.info("tenant '{}' created with plugin '{}'", stored.id(), plugin.id());
        }
        runtimes.reconcile(stored);
        return new Creation(stored, created);
    }

    /**
     * A tenant that exists (is not deleted).
     *
     * @throws NotFoundException otherwise
     */
    public TenantRecord get(String tenantId) {
        return store.existing(tenantId);
    }

    /** Tenants that are not deleted, by id, one page of them. */
    public List<TenantRecord> list(int offset, int limit) {
        return store.list(offset, limit);
    }

    public long count() {
        return store.count();
    }

    /**
     * Replaces the tenant's display name and settings (validated) if it is still at {@code expectedVersion}; running
     * consumers restart with handlers built for the new settings.
     */
    public TenantRecord update(String tenantId, long expectedVersion, String displayName, Map<String, Object> config) {
        TenantRecord current = get(tenantId);
        // The storage account cannot change here; it was checked when the tenant was created, and is again at connect.
        validate(new TenantSpec(tenantId, displayName, current.pluginId(), config, current.stageOverrides(),
                current.storageConnectionString()), List.of());
        TenantRecord updated = store.update(tenantId, expectedVersion, displayName, config);
        runtimes.reconcile(updated);
        return updated;
    }

    /** Stops the tenant's consumers; its API refuses new messages (409) until it is resumed. */
    public TenantRecord suspend(String tenantId) {
        get(tenantId);
        TenantRecord suspended = store.setStatus(tenantId, TenantStatus.SUSPENDED);
        runtimes.reconcile(suspended);
        return suspended;
    }

    public TenantRecord resume(String tenantId) {
        TenantRecord current = get(tenantId);
        if (current.status() == TenantStatus.PROVISIONING) {
            throw new ConflictException("tenant '" + tenantId + "' is still being provisioned; repeat its create to finish");
        }
        TenantRecord resumed = store.setStatus(tenantId, TenantStatus.ACTIVE);
        runtimes.reconcile(resumed);
        return resumed;
    }

    /** {@link #delete(String, boolean, boolean)} without erasing the tenant's data. */
    public boolean delete(String tenantId, boolean force) {
        return delete(tenantId, force, false);
    }

    /**
     * Deletes the tenant: its keys are revoked at once, its consumers stop, its queues and unsent messages are
     * removed; its records stay (marked deleted) unless {@code erase}, which removes its data from every table with a
     * {@code tenant_id} column. Refused while messages are in flight (in its queues or its outbox) unless
     * {@code force}. A teardown that fails halfway stays pending: repeating the delete, or the housekeeping within a
     * minute, resumes it; so does a delete with {@code erase} of a tenant deleted without it.
     *
     * @return whether the teardown completed (false: it failed halfway and will be resumed)
     */
    public boolean delete(String tenantId, boolean force, boolean erase) {
        TenantRecord tenant = store.find(tenantId)
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' does not exist"));
        if (tenant.status() == TenantStatus.DELETED) {
            TenantStore.Teardown left = store.teardownOf(tenantId);
            if (!left.teardownPending() && !left.erasePending() && !(erase && !left.erased())) {
                throw new NotFoundException("tenant '" + tenantId + "' does not exist");
            }
        } else if (!force) {
            TenantTopology topology = new TenantTopology(tenant.spec(), runtimes.pluginOf(tenant));
            QueueTransport transport = transports.forTenant(tenantId);
            // Rows this process sent but has not deleted yet would count as in flight for up to a batch window.
            outbox.deleteSentRows();
            long inFlight = outbox.unsentCount(tenantId);
            for (StageBinding stage : topology.stages()) {
                inFlight += transport.approximateDepth(stage.queueName());
            }
            if (inFlight > 0) {
                throw new ConflictException("tenant '" + tenantId + "' has " + inFlight + " messages in flight; wait for"
                        + " them to finish, suspend it first, or delete with force=true to drop them");
            }
        }
        // Its keys first: from here on nothing can read or send for it, on this instance at once.
        apiKeys.revokeAll(tenantId);
        TenantRecord deleted = store.markDeleted(tenantId, erase);
        runtimes.reconcile(deleted);
        try {
            teardown.complete(deleted);
        } catch (RuntimeException e) {
            log.warn("tenant '{}' deleted, but its teardown failed halfway; it is resumed within a minute: {}", tenantId,
                    e.toString());
            return false;
        }
        log.info("tenant '{}' deleted{}{}", tenantId, force ? " (forced)" : "", erase ? " and its data erased" : "");
        return true;
    }

    /** Resumes the teardowns that failed halfway (housekeeping). */
    public void resumeTeardowns() {
        for (String tenantId : store.pendingTeardowns()) {
            try {
                store.find(tenantId).ifPresent(teardown::complete);
                log.info("tenant '{}': resumed teardown completed", tenantId);
            } catch (RuntimeException e) {
                log.warn("tenant '{}': resumed teardown failed; retrying in a minute: {}", tenantId, e.toString());
            }
        }
    }

    private List<Violation> storageProblems(TenantSpec spec) {
        if (spec.storageConnectionString() == null || spec.storageConnectionString().isBlank()) {
            return List.of();
        }
        try {
            return storagePolicy.violations(StorageAccount.parse(spec.storageConnectionString()));
        } catch (IllegalArgumentException e) {
            return List.of(new Violation(StoragePolicy.QUEUE_ENDPOINT_FIELD, e.getMessage()));
        }
    }

    private DomainPlugin<?> validate(TenantSpec spec, List<Violation> storageProblems) {
        List<Violation> problems = new ArrayList<>(storageProblems);
        Optional<DomainPlugin<?>> plugin = plugins.find(spec.pluginId());
        if (plugin.isEmpty()) {
            problems.add(new Violation("plugin", plugins.notInstalled(spec.pluginId())));
        } else {
            problems.addAll(plugins.settings(spec.pluginId()).check(spec.config()));
            for (var override : spec.stageOverrides().entrySet()) {
                String field = "stageOverrides." + override.getKey();
                Optional<Stage<?>> stage = plugin.get().topology().stage(override.getKey());
                if (stage.isEmpty()) {
                    problems.add(new Violation(field, "plugin '" + spec.pluginId() + "' has no such stage"));
                    continue;
                }
                stageCaps.problems(override.getValue(), stage.get().settings(), concurrencyCap.getAsInt()).forEach(
                        problem -> problems.add(new Violation(field + "." + problem.field(), problem.message())));
            }
        }
        if (spec.displayName() == null || spec.displayName().isBlank() || spec.displayName().length() > 200) {
            problems.add(new Violation("displayName", "is required, 1-200 characters"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("tenant '" + spec.id() + "'", problems);
        }
        return plugin.orElseThrow();
    }
}
