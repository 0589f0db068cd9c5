package dev.conveyor.engine;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.apikey.ApiKeys;
import dev.conveyor.engine.budget.TenantBudget;
import dev.conveyor.engine.budget.TenantBudgets;
import dev.conveyor.engine.claim.BlobClaimStore;
import dev.conveyor.engine.claim.ClaimStore;
import dev.conveyor.engine.claim.ClaimSweeper;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.delivery.MessageProcessor;
import dev.conveyor.engine.delivery.StageConsumer;
import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.egress.EgressPolicy;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.event.EventLog;
import dev.conveyor.engine.housekeeping.Housekeeping;
import dev.conveyor.engine.ingest.Accepted;
import dev.conveyor.engine.ingest.Ingest;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.engine.request.PluginRequests;
import dev.conveyor.engine.runtime.TenantInstance;
import dev.conveyor.engine.runtime.TenantRuntime;
import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.engine.stream.EventStreams;
import dev.conveyor.engine.stream.StreamLimits;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.StageCaps;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.tenant.TenantStatus;
import dev.conveyor.engine.tenant.TenantStore;
import dev.conveyor.engine.tenant.TenantTeardown;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.engine.tenant.TopologyChange;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine, on a database migrated and pooled for it ({@link dev.conveyor.engine.database.DatabaseSetup}): manages
 * tenants (stored in Postgres, run here), accepts messages for their queues, serves plugin views and actions, and
 * sweeps the outbox. Tenants are reconciled from the database every few seconds, so a change made through any
 * instance (a suspension, a topology override) reaches all of them.
 */
public final class ConveyorEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConveyorEngine.class);

    private final PluginRegistry plugins;
    private final Database database;
    private final TenantTransports transports;
    private final Clock clock;
    private final Duration shutdownGrace;
    private final EnvelopeCodec codec = new EnvelopeCodec();
    private final Outbox outbox;
    private final Ingest ingest;
    private final DeadLetters deadLetters;
    private final Optional<ClaimSweeper> claimSweeper;
    private final MessageProcessor processor;
    private final EgressHttpClient egress;
    private final TenantStore tenantStore;
    private final ApiKeys apiKeys;
    private final TenantTeardown teardown;
    private final TenantBudgets budgets;
    private final PluginRequests requests;
    private final StageCaps stageCaps;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final Housekeeping housekeeping;
    private final EventStreams streams;
    /** Lease renewals on a scheduler of their own, so a slow housekeeping run never lets a lease run out. */
    private final ScheduledThreadPoolExecutor leaseRenewals;
    /** One lock per tenant: reconciling one tenant (queue calls included) never waits for another. */
    private final Map<String, ReentrantLock> reconcileLocks = new ConcurrentHashMap<>();
    private final Map<String, TenantRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, StageConsumer> consumersByQueue = new ConcurrentHashMap<>();
    /** Tenants whose plugin is not installed here, each logged once rather than at every reconcile. */
    private final java.util.Set<String> tenantsWithoutPlugin = ConcurrentHashMap.newKeySet();
    private final java.util.function.Predicate<StageBinding> runsStage;
    private final List<AutoCloseable> closing;

    private ConveyorEngine(Builder builder) {
        this.plugins = requireNonNull(builder.plugins, "plugins is null");
        this.clock = builder.clock;
        this.shutdownGrace = builder.shutdownGrace;
        this.runsStage = builder.runsStage;
        QueueTransport platformTransport = builder.transport != null ? builder.transport
                : builder.transportFactory.apply(requireNonNull(builder.storageConnectionString,
                        "neither a transport nor a storage connection string was given"));
        this.transports = new TenantTransports(platformTransport, builder.transportFactory);
        this.closing = List.copyOf(builder.closing);
        this.database = new Database(requireNonNull(builder.pools,
                "no database was given: ConveyorEngine.builder().database(pools), pools from DatabaseSetup"), plugins.all());
        this.budgets = new TenantBudgets(builder.tenantBudget);
        database.gateTenantTransactions(budgets);
        this.stageCaps = builder.stageCaps;
        Optional<ClaimStore> claims = builder.claimStore != null ? Optional.of(builder.claimStore)
                : Optional.ofNullable(builder.storageConnectionString).flatMap(BlobClaimStore::forAccount);
        OutgoingMessages outgoing = new OutgoingMessages(codec, clock, claims);
        this.outbox = new Outbox(database, transports, clock, this::wakeConsumerOf);
        BeanValidation validation = new BeanValidation(clock);
        this.ingest = new Ingest(database, codec, outgoing, outbox, clock, builder.ingestSendDeadline, validation);
        this.deadLetters = new DeadLetters(database, transports, outbox, codec, clock, builder.retention);
        this.claimSweeper = claims.map(store -> new ClaimSweeper(database, store, clock));
        this.egress = new EgressHttpClient(builder.egressPolicy);
        this.processor = new MessageProcessor(database, codec, outbox, outgoing, deadLetters, clock, claims, egress,
                validation, new EventLog(codec.json(), clock));
        this.tenantStore = new TenantStore(database, codec.json(), builder.secrets, plugins);
        this.apiKeys = new ApiKeys(database, clock);
        this.requests = new PluginRequests(database, clock, validation);
        this.teardown = new TenantTeardown(tenantStore, apiKeys, transports, plugins, database);
        int reencrypted = tenantStore.reencryptSecrets();
        if (reencrypted > 0) {
            log.info("re-encrypted the secrets of {} tenants with the newest secrets key", reencrypted);
        }
        this.leaseRenewals = new ScheduledThreadPoolExecutor(2, Thread.ofVirtual().name("lease-renewal-", 0).factory());
        // A finished lease cancels its renewal: take it off the queue at once rather than keep the message (and its
        // body) reachable until the renewal would have been due, a whole half-lease later.
        leaseRenewals.setRemoveOnCancelPolicy(true);
        this.housekeeping = new Housekeeping(2);
        this.streams = new EventStreams(database, builder.pools.platform(), builder.streamLimits, clock, builder.retention);
        reconcileAll();
        Duration sweepAge = builder.outboxSweepAge;
        housekeeping.every("outbox-sweep", builder.outboxSweepInterval, builder.outboxSweepInterval,
                () -> sweepOutbox(sweepAge));
        Duration retention = builder.retention;
        housekeeping.every("retention-purge", Duration.ofMinutes(1), Duration.ofHours(1), () -> purge(retention));
        housekeeping.every("tenant-reconcile", builder.reconcileInterval, builder.reconcileInterval, this::reconcileAll);
        housekeeping.every("tenant-teardown", Duration.ofSeconds(1), Duration.ofMinutes(1), this::resumeTeardowns);
    }

    /** The periodic loops with their last completion, failures and whether one is stalled (for health). */
    public List<Housekeeping.LoopStatus> housekeepingStatus() {
        return housekeeping.status();
    }

    public static Builder builder() {
        return new Builder();
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    public Database database() {
        return database;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public Clock clock() {
        return clock;
    }

    /** Live streams of the events plugins publish (this instance's subscribers, fed from every instance's commits). */
    public EventStreams streams() {
        return streams;
    }

    /** The platform's queue service (tenants with an account of their own use theirs). */
    public QueueTransport platformTransport() {
        return transports.platform();
    }

    /** The queue service holding this tenant's queues. */
    public QueueTransport transport(String tenantId) {
        return transports.forTenant(tenantId);
    }

    // ---- tenants -------------------------------------------------------------------------------------------

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
    public Creation createTenant(TenantSpec spec) {
        DomainPlugin<?> plugin = validate(spec);
        boolean created = tenantStore.find(spec.id()).isEmpty();
        TenantRecord stored = tenantStore.insertIfAbsent(spec);
        if (stored.status() == TenantStatus.DELETED) {
            throw new ConflictException("tenant id '" + spec.id() + "' belonged to a deleted tenant; pick another id");
        }
        if (!stored.pluginId().equals(plugin.id())) {
            throw new ConflictException("tenant '" + spec.id() + "' already exists with plugin '" + stored.pluginId()
                    + "', not '" + plugin.id() + "'; pick another tenant id");
        }
        if (stored.status() == TenantStatus.PROVISIONING) {
            QueueTransport transport = transports.assign(stored.id(), stored.storageConnectionString());
            new TenantTopology(stored.spec(), plugin).allQueueNames().forEach(transport::createQueue);
            stored = tenantStore.setStatus(stored.id(), TenantStatus.ACTIVE);
            log.info("tenant '{}' created with plugin '{}'", stored.id(), plugin.id());
        }
        reconcile(stored);
        return new Creation(stored, created);
    }

    /** A tenant that exists (is not deleted). */
    public TenantRecord tenantRecord(String tenantId) {
        return tenantStore.find(tenantId)
                .filter(tenant -> tenant.status() != TenantStatus.DELETED)
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' does not exist"));
    }

    public List<TenantRecord> listTenants(int offset, int limit) {
        return tenantStore.list(offset, limit);
    }

    public long countTenants() {
        return tenantStore.count();
    }

    /**
     * Replaces the tenant's display name and settings (validated) if it is still at {@code expectedVersion}; running
     * consumers restart with handlers built for the new settings.
     */
    public TenantRecord updateTenant(String tenantId, long expectedVersion, String displayName, Map<String, Object> config) {
        TenantRecord current = tenantRecord(tenantId);
        TenantSpec changed = new TenantSpec(tenantId, displayName, current.pluginId(), config, current.stageOverrides(),
                current.storageConnectionString());
        validate(changed);
        TenantRecord updated = tenantStore.update(tenantId, expectedVersion, displayName, config);
        reconcile(updated);
        return updated;
    }

    /** Stops the tenant's consumers; its API refuses new messages (409) until it is resumed. */
    public TenantRecord suspendTenant(String tenantId) {
        tenantRecord(tenantId);
        TenantRecord suspended = tenantStore.setStatus(tenantId, TenantStatus.SUSPENDED);
        reconcile(suspended);
        return suspended;
    }

    public TenantRecord resumeTenant(String tenantId) {
        TenantRecord current = tenantRecord(tenantId);
        if (current.status() == TenantStatus.PROVISIONING) {
            throw new ConflictException("tenant '" + tenantId + "' is still being provisioned; repeat its create to finish");
        }
        TenantRecord resumed = tenantStore.setStatus(tenantId, TenantStatus.ACTIVE);
        reconcile(resumed);
        return resumed;
    }

    /** {@link #deleteTenant(String, boolean, boolean)} without erasing the tenant's data. */
    public boolean deleteTenant(String tenantId, boolean force) {
        return deleteTenant(tenantId, force, false);
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
    public boolean deleteTenant(String tenantId, boolean force, boolean erase) {
        TenantRecord tenant = tenantStore.find(tenantId)
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' does not exist"));
        if (tenant.status() == TenantStatus.DELETED) {
            TenantStore.Teardown left = tenantStore.teardownOf(tenantId);
            if (!left.teardownPending() && !left.erasePending() && !(erase && !left.erased())) {
                throw new NotFoundException("tenant '" + tenantId + "' does not exist");
            }
        } else if (!force) {
            TenantTopology topology = new TenantTopology(tenant.spec(), pluginOf(tenant));
            QueueTransport transport = transports.forTenant(tenantId);
            // Rows this process sent but has not deleted yet would count as in flight for up to a batch window.
            outbox.deleteSentRows();
            long inFlight = unsentOutboxRows(tenantId);
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
        TenantRecord deleted = tenantStore.markDeleted(tenantId, erase);
        reconcile(deleted);
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
    private void resumeTeardowns() {
        for (String tenantId : tenantStore.pendingTeardowns()) {
            try {
                tenantStore.find(tenantId).ifPresent(teardown::complete);
                log.info("tenant '{}': resumed teardown completed", tenantId);
            } catch (RuntimeException e) {
                log.warn("tenant '{}': resumed teardown failed; retrying in a minute: {}", tenantId, e.toString());
            }
        }
    }

    // ---- parked outbox rows --------------------------------------------------------------------------------

    /** The tenant's outbox rows the sweeper gave up on (repeated failures that were not outages), oldest first. */
    public List<Outbox.ParkedMessage> parkedMessages(String tenantId, int limit) {
        tenantRecord(tenantId);
        return outbox.parked(tenantId, limit);
    }

    /** Hands the tenant's parked rows back to the sweeper at once; returns how many. */
    public int retryParkedMessages(String tenantId) {
        tenantRecord(tenantId);
        return outbox.retryParked(tenantId);
    }

    /** Parked rows of every tenant (for health). */
    public long parkedMessageCount() {
        return outbox.parkedCount();
    }

    // ---- topology ------------------------------------------------------------------------------------------

    /** The tenant's effective topology with live queue depths and dead-letter counts. */
    public TopologyView topology(String tenantId) {
        TenantRecord tenant = tenantRecord(tenantId);
        TenantTopology topology = new TenantTopology(tenant.spec(), pluginOf(tenant));
        QueueTransport transport = transports.forTenant(tenantId);
        Map<String, Long> deadLettersByStage = deadLetters.countByStage(tenantId);
        List<TopologyView.Stage> stages = new ArrayList<>();
        for (StageBinding stage : topology.stages()) {
            stages.add(new TopologyView.Stage(stage.stageName(), stage.stage().consumes().name(),
                    stage.stage().emits().stream().map(Queue::name).collect(java.util.stream.Collectors.toCollection(
                            java.util.LinkedHashSet::new)),
                    stage.queueName(), stage.poisonQueueName(), stage.enabled(), stage.settings(),
                    tenant.stageOverrides().getOrDefault(stage.stageName(), StageOverride.NONE),
                    depth(transport, stage.queueName()), depth(transport, stage.poisonQueueName()),
                    deadLettersByStage.getOrDefault(stage.stageName(), 0L)));
        }
        return new TopologyView(tenantId, tenant.pluginId(), tenant.topologyVersion(), stages);
    }

    /**
     * Overrides some settings of one stage for the tenant, if its topology is still at {@code expectedVersion}.
     * The result is checked against Azure's ranges, stored as a new version with an audit record, and applied to
     * running consumers (here at once, on other instances within the reconcile interval).
     */
    public TenantRecord overrideStage(String tenantId, String stage, StageOverride patch, long expectedVersion, String actor) {
        TenantRecord tenant = tenantRecord(tenantId);
        DomainPlugin<?> plugin = pluginOf(tenant);
        Stage<?> definition = plugin.topology().stage(stage).orElseThrow(() -> new NotFoundException(
                "tenant '" + tenantId + "' has no stage '" + stage + "' (stages: " + String.join(", ",
                        plugin.topology().stages().stream().map(Stage::name).toList()) + ")"));
        StageOverride merged = tenant.stageOverrides().getOrDefault(stage, StageOverride.NONE).merge(patch);
        try {
            merged.applyTo(definition.settings());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("stage '" + stage + "' settings", List.of(new Violation(
                    e.getMessage().split(" ")[0], e.getMessage())));
        }
        List<Violation> overCap = stageCaps.check(merged, budgets.budget().maxConcurrency());
        if (!overCap.isEmpty()) {
            throw new ValidationException("stage '" + stage + "' settings", overCap);
        }
        Map<String, StageOverride> overrides = new LinkedHashMap<>(tenant.stageOverrides());
        overrides.put(stage, merged);
        TenantRecord updated = tenantStore.replaceOverrides(tenantId, expectedVersion, overrides, actor);
        reconcile(updated);
        return updated;
    }

    public List<TopologyChange> topologyAudit(String tenantId) {
        tenantRecord(tenantId);
        return tenantStore.audit(tenantId);
    }

    // ---- messages, views, actions --------------------------------------------------------------------------

    /**
     * Accepts a JSON payload submitted to the tenant's ingest resource (such as {@code orders}).
     *
     * @throws ConflictException when the tenant is suspended
     * @throws dev.conveyor.engine.budget.IngestRateExceededException when the tenant is over its ingest budget
     */
    public Accepted ingest(String tenantId, String resource, String json, Optional<String> idempotencyKey) {
        TenantRuntime runtime = runtime(tenantId);
        if (!runtime.consuming()) {
            throw new ConflictException("tenant '" + tenantId + "' is suspended and accepts no messages; resume it first");
        }
        TenantTopology topology = runtime.topology();
        IngestRoute<?> route = topology.plugin().ingestRoutes().stream()
                .filter(candidate -> candidate.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' accepts no '" + resource
                        + "' (it accepts: " + String.join(", ", topology.plugin().ingestRoutes().stream()
                                .map(IngestRoute::resource).toList()) + ")"));
        budgets.admitIngest(tenantId);
        return ingest.accept(topology, route.queue().name(), json, idempotencyKey);
    }

    /** Whether the tenant's plugin serves {@code resource} as an action (rather than as an ingest route). */
    public boolean hasAction(String tenantId, String resource) {
        return runtime(tenantId).topology().plugin().actions().stream().anyMatch(action -> action.resource().equals(resource));
    }

    /**
     * Which of the tenant's keys may call its ingest route or action {@code resource}, as the plugin declares it;
     * empty when the plugin has no such route. Answered from the running tenant, without a database query.
     *
     * @throws NotFoundException when the tenant does not exist (or was deleted)
     */
    public Optional<RouteAccess> routeAccess(String tenantId, String resource) {
        DomainPlugin<?> plugin = runtime(tenantId).topology().plugin();
        return plugin.actions().stream().filter(action -> action.resource().equals(resource)).map(Action::access)
                .findFirst()
                .or(() -> plugin.ingestRoutes().stream().filter(route -> route.resource().equals(resource))
                        .map(IngestRoute::access).findFirst());
    }

    /**
     * Runs a plugin action: reads {@code body} (in {@code contentType}, one the action accepts) into its items, checks
     * each, and runs the action in one transaction scoped to the tenant.
     *
     * @param contentType the body's media type as sent, or null when the request gave none
     * @throws EngineException     ({@link ErrorCode#UNSUPPORTED_MEDIA_TYPE}) when the action does not read that type
     * @throws ValidationException naming every unreadable or invalid item, or too many of them
     */
    public Object act(String tenantId, String resource, String contentType, InputStream body) {
        TenantRuntime runtime = runtime(tenantId);
        Action<?> action = PluginRequests.action(runtime.topology().plugin(), resource)
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' has no action '" + resource + "'"));
        return requests.act(tenantId, runtime.topology().plugin(), action, runtime.instance().settings(), contentType, body);
    }

    /**
     * Looks a record up in a plugin view, in a read-only transaction scoped to the tenant. A document the view
     * renders later ({@link BinaryContent.Deferred}) is rendered once that transaction has closed.
     *
     * @throws NotFoundException   when the tenant, view or record does not exist
     * @throws ValidationException when the key is malformed for the view
     */
    public Object view(String tenantId, String resource, String key) {
        TenantRuntime runtime = runtime(tenantId);
        return requests.view(tenantId, runtime.topology().plugin(), runtime.instance().settings(), resource, key);
    }

    /**
     * Runs {@code work} as a view's finder runs: in a read-only transaction of the tenant, with the request context a
     * finder gets (its settings, the clock, the plugin's repositories). For plugin authors' tests (the testkit).
     */
    public <T> T read(String tenantId, Function<RequestContext, T> work) {
        TenantRuntime runtime = runtime(tenantId);
        return requests.read(tenantId, runtime.topology().plugin(), runtime.instance().settings(), work);
    }

    // ---- running tenants -----------------------------------------------------------------------------------

    private TenantRuntime runtime(String tenantId) {
        TenantRuntime runtime = runtimes.get(tenantId);
        if (runtime == null) {
            TenantRecord tenant = tenantRecord(tenantId);
            pluginOf(tenant);
            reconcile(tenant);
            runtime = runtimes.get(tenantId);
        }
        if (runtime == null) {
            throw new NotFoundException("tenant '" + tenantId + "' does not exist");
        }
        return runtime;
    }

    /** Brings this process's runtime of the tenant in line with its stored state. */
    private void reconcile(TenantRecord tenant) {
        ReentrantLock lock = reconcileLocks.computeIfAbsent(tenant.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            reconcileLocked(tenant);
        } finally {
            lock.unlock();
        }
    }

    private void reconcileLocked(TenantRecord tenant) {
        TenantRuntime running = runtimes.get(tenant.id());
        switch (tenant.status()) {
            case PROVISIONING -> {
                // its creator provisions it; nothing runs until it is ACTIVE
            }
            case DELETED -> {
                if (running != null) {
                    stopRuntime(tenant.id(), running);
                }
            }
            case SUSPENDED, ACTIVE -> {
                if (running != null && running.version() != tenant.version()) {
                    stopRuntime(tenant.id(), running);
                    running = null;
                }
                if (running == null) {
                    running = buildRuntime(tenant);
                } else if (running.topologyVersion() != tenant.topologyVersion()) {
                    running.reconfigure(new TenantTopology(tenant.spec(), plugins.get(tenant.pluginId()),
                            running.instance().handlers()), tenant.topologyVersion());
                    log.info("tenant '{}' topology now at version {}", tenant.id(), tenant.topologyVersion());
                }
                if (tenant.status() == TenantStatus.ACTIVE && !running.consuming()) {
                    running.start();
                } else if (tenant.status() == TenantStatus.SUSPENDED && running.consuming()) {
                    running.stop(shutdownGrace);
                }
            }
        }
    }

    private TenantRuntime buildRuntime(TenantRecord tenant) {
        DomainPlugin<?> plugin = plugins.get(tenant.pluginId());
        TenantInstance instance;
        try {
            instance = TenantInstance.build(plugin, plugins.settings(plugin.id()), tenant.spec());
        } catch (RuntimeException e) {
            log.error("tenant '{}' does not run: {}", tenant.id(), e.getMessage());
            throw e;
        }
        TenantTopology topology = new TenantTopology(tenant.spec(), plugin, instance.handlers());
        QueueTransport transport = transports.assign(tenant.id(), tenant.storageConnectionString());
        try {
            // Idempotent; makes good a storage account that lost its queues. Consumers recreate them too.
            topology.allQueueNames().forEach(transport::createQueue);
        } catch (RuntimeException e) {
            log.warn("tenant '{}': could not provision its queues now; its consumers will retry: {}", tenant.id(), e.toString());
        }
        List<StageConsumer> consumers = new ArrayList<>();
        for (StageBinding stage : topology.stages()) {
            if (!runsStage.test(stage)) {
                continue;
            }
            StageConsumer consumer = new StageConsumer(topology, stage, transport, processor, handlers, leaseRenewals,
                    budgets.handlerSlots(tenant.id()));
            consumers.add(consumer);
            consumersByQueue.put(stage.queueName(), consumer);
        }
        TenantRuntime runtime = new TenantRuntime(topology, instance, consumers, tenant.version(), tenant.topologyVersion());
        runtimes.put(tenant.id(), runtime);
        return runtime;
    }

    private void stopRuntime(String tenantId, TenantRuntime runtime) {
        runtime.stop(shutdownGrace);
        runtime.consumers().forEach(consumer -> consumersByQueue.remove(consumer.stage().queueName()));
        runtimes.remove(tenantId);
    }

    /**
     * The tenant's plugin.
     *
     * @throws ConflictException when it is not installed here, or failed to install (the message says why)
     */
    private DomainPlugin<?> pluginOf(TenantRecord tenant) {
        return plugins.find(tenant.pluginId()).orElseThrow(() -> new ConflictException("tenant '" + tenant.id()
                + "' does not run: " + plugins.notInstalled(tenant.pluginId())));
    }

    /** Reconciles every tenant; one that fails (its storage account is away, say) does not hold up the others. */
    private void reconcileAll() {
        for (TenantRecord tenant : tenantStore.all()) {
            if (plugins.find(tenant.pluginId()).isEmpty()) {
                if (tenant.status() != TenantStatus.DELETED && tenantsWithoutPlugin.add(tenant.id())) {
                    log.error("tenant '{}' does not run: {}", tenant.id(), plugins.notInstalled(tenant.pluginId()));
                }
                continue;
            }
            try {
                reconcile(tenant);
            } catch (RuntimeException e) {
                log.warn("could not reconcile tenant '{}'; retrying at the next interval: {}", tenant.id(), e.toString());
            }
        }
    }

    private DomainPlugin<?> validate(TenantSpec spec) {
        List<Violation> problems = new ArrayList<>();
        Optional<DomainPlugin<?>> plugin = plugins.find(spec.pluginId());
        if (plugin.isEmpty()) {
            problems.add(new Violation("plugin", plugins.notInstalled(spec.pluginId())));
        } else {
            problems.addAll(plugins.settings(spec.pluginId()).check(spec.config()));
            for (var override : spec.stageOverrides().entrySet()) {
                Optional<Stage<?>> stage = plugin.get().topology().stage(override.getKey());
                if (stage.isEmpty()) {
                    problems.add(new Violation("stageOverrides." + override.getKey(), "plugin '" + spec.pluginId()
                            + "' has no such stage"));
                    continue;
                }
                try {
                    override.getValue().applyTo(stage.get().settings());
                } catch (IllegalArgumentException e) {
                    problems.add(new Violation("stageOverrides." + override.getKey(), e.getMessage()));
                }
                stageCaps.check(override.getValue(), budgets.budget().maxConcurrency()).forEach(violation -> problems.add(
                        new Violation("stageOverrides." + override.getKey() + "." + violation.field(), violation.message())));
            }
        }
        if (displayNameInvalid(spec.displayName())) {
            problems.add(new Violation("displayName", "is required, 1-200 characters"));
        }
        if (!problems.isEmpty()) {
            throw new ValidationException("tenant '" + spec.id() + "'", problems);
        }
        return plugin.orElseThrow();
    }

    private static boolean displayNameInvalid(String displayName) {
        return displayName == null || displayName.isBlank() || displayName.length() > 200;
    }

    private long unsentOutboxRows(String tenantId) {
        return database.inTenantTransaction(tenantId, entityManager -> ((Number) entityManager.createNativeQuery(
                "select count(*) from outbox where tenant_id = ?1")
                .setParameter(1, tenantId).getSingleResult()).longValue());
    }

    private static Long depth(QueueTransport transport, String queue) {
        try {
            return transport.approximateDepth(queue);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void wakeConsumerOf(String queueName) {
        StageConsumer consumer = consumersByQueue.get(queueName);
        if (consumer != null) {
            consumer.wake();
        }
    }

    private void purge(Duration retention) {
        Map<String, Integer> purged = deadLetters.purge(retention);
        if (purged.values().stream().anyMatch(count -> count > 0)) {
            log.info("purged rows older than {}: {}", retention, purged);
        }
        try {
            claimSweeper.ifPresent(sweeper -> sweeper.sweep(retention));
        } catch (RuntimeException e) {
            log.warn("claim blob sweep failed; retrying in an hour: {}", e.toString());
        }
    }

    private void sweepOutbox(Duration age) {
        while (outbox.sweep(age, 200) == 200) {
            // a full page: more may be waiting
        }
    }

    /**
     * Stops in the order the parts need each other: the housekeeping first (so no reconcile starts a tenant
     * again), then every tenant's consumers (in-flight messages get the shutdown grace period, their leases still
     * renewed), then the lease renewals, the handlers, the outbox and the database, and last what it was given to
     * close ({@link Builder#closing}).
     */
    @Override
    public void close() {
        housekeeping.close();
        streams.close();
        List<Thread> stopping = new ArrayList<>();
        for (var entry : new HashMap<>(runtimes).entrySet()) {
            stopping.add(Thread.ofVirtual().start(() -> stopRuntime(entry.getKey(), entry.getValue())));
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        leaseRenewals.shutdownNow();
        handlers.shutdown();
        egress.close();
        outbox.close();
        database.close();
        for (AutoCloseable resource : closing) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("could not close {}: {}", resource, e.toString());
            }
        }
    }

    public static final class Builder {
        private DatabasePools pools;
        private final List<AutoCloseable> closing = new ArrayList<>();
        private Duration ingestSendDeadline = Duration.ofMillis(250);
        private QueueTransport transport;
        private String storageConnectionString;
        private Function<String, QueueTransport> transportFactory = AzureQueueTransport::new;
        private PluginRegistry plugins;
        private Clock clock = Clock.systemUTC();
        private Duration shutdownGrace = Duration.ofSeconds(20);
        private Duration outboxSweepInterval = Duration.ofSeconds(5);
        private Duration outboxSweepAge = Duration.ofSeconds(15);
        private Duration reconcileInterval = Duration.ofSeconds(2);
        private Duration retention = Duration.ofDays(7);
        private ClaimStore claimStore;
        private SecretCipher secrets = SecretCipher.none();
        private java.util.function.Predicate<StageBinding> runsStage = stage -> true;
        private TenantBudget tenantBudget = TenantBudget.defaults();
        private StageCaps stageCaps = StageCaps.defaults();
        private EgressPolicy egressPolicy = EgressPolicy.internetOnly();
        private StreamLimits streamLimits = StreamLimits.defaults();

        private Builder() {
        }

        /** What each tenant may use in this process: ingest rate, handlers in flight, pooled connections. */
        public Builder tenantBudget(TenantBudget tenantBudget) {
            this.tenantBudget = requireNonNull(tenantBudget, "tenantBudget is null");
            return this;
        }

        /** Live streams this process holds: per tenant, and events buffered per client. */
        public Builder streamLimits(StreamLimits streamLimits) {
            this.streamLimits = requireNonNull(streamLimits, "streamLimits is null");
            return this;
        }

        /** The operator's upper bounds on the stage settings a tenant admin may override. */
        public Builder stageCaps(StageCaps stageCaps) {
            this.stageCaps = requireNonNull(stageCaps, "stageCaps is null");
            return this;
        }

        /**
         * What calls out of the platform (plugins' webhooks and syncs) may reach inside its network, besides the
         * internet: CIDR blocks, IP addresses or host:port (see {@link EgressPolicy#allowing}). By default nothing.
         */
        public Builder egressAllow(List<String> allow) {
            this.egressPolicy = EgressPolicy.allowing(allow);
            return this;
        }

        /**
         * The database's pools, migrated already ({@link dev.conveyor.engine.database.DatabaseSetup}: Spring Boot's in
         * the server, {@code DatabaseSetup.open} elsewhere). With API requests' own pools, transactions of threads
         * inside {@link Database#servingRequest()} use those (short deadlines, circuit breaker).
         */
        public Builder database(DatabasePools pools) {
            this.pools = requireNonNull(pools, "pools is null");
            return this;
        }

        /**
         * Something the engine closes after itself, such as the pools a test or a benchmark opened for it alone (the
         * server's belong to Spring).
         */
        public Builder closing(AutoCloseable resource) {
            this.closing.add(requireNonNull(resource, "resource is null"));
            return this;
        }

        /**
         * How long accepting a message waits for its send to the queue (default 250 ms); a slower queue service
         * gets it behind the answer (or from the outbox sweeper), so ingest never waits on it longer.
         */
        public Builder ingestSendDeadline(Duration deadline) {
            this.ingestSendDeadline = requireNonNull(deadline, "deadline is null");
            return this;
        }

        /** The platform's storage account, for tenants without one of their own. */
        public Builder storageConnectionString(String connectionString) {
            this.storageConnectionString = connectionString;
            return this;
        }

        /** The platform's queue transport, instead of one made from a connection string. */
        public Builder transport(QueueTransport transport) {
            this.transport = transport;
            return this;
        }

        /** How to reach a tenant's own storage account from its connection string. */
        public Builder transportFactory(Function<String, QueueTransport> transportFactory) {
            this.transportFactory = requireNonNull(transportFactory, "transportFactory is null");
            return this;
        }

        public Builder plugins(PluginRegistry plugins) {
            this.plugins = plugins;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        public Builder shutdownGrace(Duration shutdownGrace) {
            this.shutdownGrace = requireNonNull(shutdownGrace, "shutdownGrace is null");
            return this;
        }

        /** How often the sweeper looks for outbox rows left unsent, and how old a row must be to count. */
        public Builder outboxSweep(Duration interval, Duration age) {
            this.outboxSweepInterval = requireNonNull(interval, "interval is null");
            this.outboxSweepAge = requireNonNull(age, "age is null");
            return this;
        }

        /** How often tenants are brought in line with the database (changes made by other instances). */
        public Builder reconcileInterval(Duration interval) {
            this.reconcileInterval = requireNonNull(interval, "interval is null");
            return this;
        }

        /**
         * Where payloads too large for a queue message wait (the claim check). By default the blob service of the
         * storage connection string's account, when it has one.
         */
        public Builder claimStore(ClaimStore claimStore) {
            this.claimStore = claimStore;
            return this;
        }

        /**
         * The keys that encrypt tenant secrets at rest: base64 of 32 bytes each, comma-separated, newest first
         * ({@code CONVEYOR_SECRETS_KEY}). Without them, a tenant with a secret (a storage connection string, a setting
         * its plugin declares secret) cannot be stored.
         */
        public Builder secretsKeys(String base64Keys) {
            this.secrets = base64Keys == null || base64Keys.isBlank() ? SecretCipher.none() : SecretCipher.of(base64Keys);
            return this;
        }

        /** How long dead letters, attempts, inbox and idempotency rows are kept (default 7 days). */
        public Builder retention(Duration retention) {
            this.retention = requireNonNull(retention, "retention is null");
            return this;
        }

        /**
         * Which stages this process consumes (its role); by default all. A process that runs none still serves
         * the API, sweeps the outbox and reconciles tenants.
         */
        public Builder runsStages(java.util.function.Predicate<StageBinding> runsStage) {
            this.runsStage = requireNonNull(runsStage, "runsStage is null");
            return this;
        }

        public ConveyorEngine start() {
            return new ConveyorEngine(this);
        }
    }
}
