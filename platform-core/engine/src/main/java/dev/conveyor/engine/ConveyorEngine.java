package dev.conveyor.engine;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.apikey.ApiKeys;
import dev.conveyor.engine.claim.BlobClaimStore;
import dev.conveyor.engine.claim.ClaimStore;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.delivery.MessageProcessor;
import dev.conveyor.engine.delivery.StageConsumer;
import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.egress.EgressPolicy;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.ingest.Accepted;
import dev.conveyor.engine.ingest.Ingest;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TenantRuntime;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.tenant.TenantStatus;
import dev.conveyor.engine.tenant.TenantStore;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.engine.tenant.TopologyChange;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: migrates the schema, manages tenants (stored in Postgres, run here), accepts messages for their
 * queues, serves plugin views and actions, and sweeps the outbox. Tenants are reconciled from the database every
 * few seconds, so a change made through any instance (a suspension, a topology override) reaches all of them.
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
    private final MessageProcessor processor;
    private final EgressHttpClient egress;
    private final TenantStore tenantStore;
    private final ApiKeys apiKeys;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService housekeeping;
    private final Map<String, TenantRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, StageConsumer> consumersByQueue = new ConcurrentHashMap<>();
    private final java.util.function.Predicate<StageBinding> runsStage;

    private ConveyorEngine(Builder builder) {
        this.plugins = requireNonNull(builder.plugins, "plugins is null");
        this.clock = builder.clock;
        this.shutdownGrace = builder.shutdownGrace;
        this.runsStage = builder.runsStage;
        QueueTransport platformTransport = builder.transport != null ? builder.transport
                : builder.transportFactory.apply(requireNonNull(builder.storageConnectionString,
                        "neither a transport nor a storage connection string was given"));
        this.transports = new TenantTransports(platformTransport, builder.transportFactory);
        this.database = Database.open(requireNonNull(builder.jdbcUrl, "jdbcUrl is null"), builder.user, builder.password,
                builder.poolSize, plugins.all());
        Optional<ClaimStore> claims = builder.claimStore != null ? Optional.of(builder.claimStore)
                : Optional.ofNullable(builder.storageConnectionString).flatMap(BlobClaimStore::forAccount);
        OutgoingMessages outgoing = new OutgoingMessages(codec, clock, claims);
        this.outbox = new Outbox(database, transports, clock, this::wakeConsumerOf);
        this.ingest = new Ingest(database, codec, outgoing, outbox, clock);
        this.deadLetters = new DeadLetters(database, transports, codec, clock);
        this.egress = new EgressHttpClient(builder.egressPolicy);
        this.processor = new MessageProcessor(database, codec, outbox, outgoing, deadLetters, clock, claims, egress);
        this.tenantStore = new TenantStore(database, codec.json());
        this.apiKeys = new ApiKeys(database);
        this.housekeeping = Executors.newScheduledThreadPool(2,
                Thread.ofPlatform().daemon().name("conveyor-housekeeping-", 0).factory());
        reconcileAll();
        Duration sweepAge = builder.outboxSweepAge;
        long sweepEvery = builder.outboxSweepInterval.toMillis();
        housekeeping.scheduleWithFixedDelay(() -> sweepOutbox(sweepAge), sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
        Duration retention = builder.retention;
        housekeeping.scheduleWithFixedDelay(() -> purge(retention), 1, 60, TimeUnit.MINUTES);
        long reconcileEvery = builder.reconcileInterval.toMillis();
        housekeeping.scheduleWithFixedDelay(this::reconcileAllQuietly, reconcileEvery, reconcileEvery, TimeUnit.MILLISECONDS);
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
        DomainPlugin plugin = validate(spec);
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
     * Replaces the tenant's display name and plugin configuration (validated) if it is still at
     * {@code expectedVersion}; running consumers restart with the new configuration.
     */
    public TenantRecord updateTenant(String tenantId, long expectedVersion, String displayName, Map<String, String> config) {
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

    /**
     * Deletes the tenant: its consumers stop and its queues are removed; its records stay (marked deleted). Refused
     * while messages are in flight (in its queues or its outbox) unless {@code force}.
     */
    public void deleteTenant(String tenantId, boolean force) {
        TenantRecord tenant = tenantRecord(tenantId);
        TenantTopology topology = new TenantTopology(tenant.spec(), plugins.get(tenant.pluginId()));
        QueueTransport transport = transports.forTenant(tenantId);
        if (!force) {
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
        TenantRecord deleted = tenantStore.setStatus(tenantId, TenantStatus.DELETED);
        reconcile(deleted);
        topology.allQueueNames().forEach(transport::deleteQueue);
        transports.assign(tenantId, null);
        log.info("tenant '{}' deleted{}", tenantId, force ? " (forced)" : "");
    }

    // ---- topology ------------------------------------------------------------------------------------------

    /** The tenant's effective topology with live queue depths and dead-letter counts. */
    public TopologyView topology(String tenantId) {
        TenantRecord tenant = tenantRecord(tenantId);
        TenantTopology topology = new TenantTopology(tenant.spec(), plugins.get(tenant.pluginId()));
        QueueTransport transport = transports.forTenant(tenantId);
        Map<String, Long> deadLettersByStage = deadLetters.countByStage(tenantId);
        List<TopologyView.Stage> stages = new ArrayList<>();
        for (StageBinding stage : topology.stages()) {
            stages.add(new TopologyView.Stage(stage.stageName(), stage.stage().consumes(), stage.stage().emits(),
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
        DomainPlugin plugin = plugins.get(tenant.pluginId());
        StageDefinition definition = plugin.topology().stage(stage).orElseThrow(() -> new NotFoundException(
                "tenant '" + tenantId + "' has no stage '" + stage + "' (stages: " + String.join(", ",
                        plugin.topology().stages().stream().map(StageDefinition::name).toList()) + ")"));
        StageOverride merged = tenant.stageOverrides().getOrDefault(stage, StageOverride.NONE).merge(patch);
        try {
            merged.applyTo(definition.settings());
        } catch (IllegalArgumentException e) {
            throw new ValidationException("stage '" + stage + "' settings", List.of(new Violation(
                    e.getMessage().split(" ")[0], e.getMessage())));
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
     */
    public Accepted ingest(String tenantId, String resource, String json, Optional<String> idempotencyKey) {
        TenantRuntime runtime = runtime(tenantId);
        if (!runtime.consuming()) {
            throw new ConflictException("tenant '" + tenantId + "' is suspended and accepts no messages; resume it first");
        }
        TenantTopology topology = runtime.topology();
        IngestRoute route = topology.plugin().ingestRoutes().stream()
                .filter(candidate -> candidate.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' accepts no '" + resource
                        + "' (it accepts: " + String.join(", ", topology.plugin().ingestRoutes().stream()
                                .map(IngestRoute::resource).toList()) + ")"));
        return ingest.accept(topology, route.queue(), json, idempotencyKey);
    }

    /** Whether the tenant's plugin serves {@code resource} as an action (rather than as an ingest route). */
    public boolean hasAction(String tenantId, String resource) {
        return runtime(tenantId).topology().plugin().actions().stream().anyMatch(action -> action.resource().equals(resource));
    }

    /** Runs a plugin action in one transaction scoped to the tenant. */
    public Object act(String tenantId, String resource, String contentType, String body) {
        TenantTopology topology = runtime(tenantId).topology();
        Action action = topology.plugin().actions().stream()
                .filter(candidate -> candidate.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' has no action '" + resource + "'"));
        Action.Request request = new Action.Request(tenantId, contentType, body, topology.config());
        return database.inTenantTransaction(tenantId, entityManager -> action.executor().execute(request, entityManager));
    }

    /**
     * Looks a record up in a plugin view, in a read-only transaction scoped to the tenant. A document the view
     * renders later ({@link BinaryContent.Deferred}) is rendered once that transaction has closed.
     *
     * @throws NotFoundException        when the tenant, view or record does not exist
     * @throws IllegalArgumentException when the key is malformed for the view
     */
    public Object view(String tenantId, String resource, String key) {
        DomainPlugin plugin = runtime(tenantId).topology().plugin();
        View view = plugin.views().stream()
                .filter(candidate -> candidate.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' has no '" + resource
                        + "' (it has: " + String.join(", ", plugin.views().stream().map(View::resource).toList()) + ")"));
        Optional<Object> found = database.inTenantTransaction(tenantId, entityManager -> {
            entityManager.createNativeQuery("set transaction read only").executeUpdate();
            return view.finder().find(tenantId, key, entityManager);
        });
        Object record = found.orElseThrow(() -> new NotFoundException(
                "tenant '" + tenantId + "' has no " + resource + " with " + view.keyName() + " '" + key + "'"));
        return record instanceof BinaryContent.Deferred deferred ? deferred.render() : record;
    }

    // ---- running tenants -----------------------------------------------------------------------------------

    private TenantRuntime runtime(String tenantId) {
        TenantRuntime runtime = runtimes.get(tenantId);
        if (runtime == null) {
            reconcile(tenantRecord(tenantId));
            runtime = runtimes.get(tenantId);
        }
        if (runtime == null) {
            throw new NotFoundException("tenant '" + tenantId + "' does not exist");
        }
        return runtime;
    }

    /** Brings this process's runtime of the tenant in line with its stored state. */
    private synchronized void reconcile(TenantRecord tenant) {
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
                    running.reconfigure(new TenantTopology(tenant.spec(), plugins.get(tenant.pluginId())),
                            tenant.topologyVersion());
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
        DomainPlugin plugin = plugins.get(tenant.pluginId());
        TenantTopology topology = new TenantTopology(tenant.spec(), plugin);
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
            StageConsumer consumer = new StageConsumer(topology, stage, transport, processor, handlers, housekeeping);
            consumers.add(consumer);
            consumersByQueue.put(stage.queueName(), consumer);
        }
        TenantRuntime runtime = new TenantRuntime(topology, consumers, tenant.version(), tenant.topologyVersion());
        runtimes.put(tenant.id(), runtime);
        return runtime;
    }

    private void stopRuntime(String tenantId, TenantRuntime runtime) {
        runtime.stop(shutdownGrace);
        runtime.consumers().forEach(consumer -> consumersByQueue.remove(consumer.stage().queueName()));
        runtimes.remove(tenantId);
    }

    private void reconcileAll() {
        for (TenantRecord tenant : tenantStore.all()) {
            if (plugins.find(tenant.pluginId()).isEmpty()) {
                log.error("tenant '{}' uses plugin '{}', which is not installed; it does not run", tenant.id(),
                        tenant.pluginId());
                continue;
            }
            reconcile(tenant);
        }
    }

    private void reconcileAllQuietly() {
        try {
            reconcileAll();
        } catch (RuntimeException e) {
            log.warn("could not reconcile tenants; retrying at the next interval: {}", e.toString());
        }
    }

    private DomainPlugin validate(TenantSpec spec) {
        List<Violation> problems = new ArrayList<>();
        Optional<DomainPlugin> plugin = plugins.find(spec.pluginId());
        if (plugin.isEmpty()) {
            problems.add(new Violation("plugin", "no plugin '" + spec.pluginId() + "' is installed (installed: "
                    + String.join(", ", plugins.all().stream().map(DomainPlugin::id).toList()) + ")"));
        } else {
            problems.addAll(TenantConfig.check(plugin.get().configProperties(), spec.config()));
            if (problems.isEmpty()) {
                problems.addAll(plugin.get().validateConfiguration(
                        new TenantConfig(plugin.get().configProperties(), spec.config())));
            }
            for (var override : spec.stageOverrides().entrySet()) {
                Optional<StageDefinition> stage = plugin.get().topology().stage(override.getKey());
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
        try {
            Map<String, Integer> purged = deadLetters.purge(retention);
            if (purged.values().stream().anyMatch(count -> count > 0)) {
                log.info("purged rows older than {}: {}", retention, purged);
            }
        } catch (RuntimeException e) {
            log.warn("retention purge failed; retrying in an hour: {}", e.toString());
        }
    }

    private void sweepOutbox(Duration age) {
        try {
            while (outbox.sweep(age, 200) == 200) {
                // a full page: more may be waiting
            }
        } catch (RuntimeException e) {
            log.warn("outbox sweep failed; retrying at the next interval: {}", e.toString());
        }
    }

    /** Stops every tenant (in-flight messages get the shutdown grace period), then the housekeeping. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
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
        handlers.shutdown();
        egress.close();
        outbox.close();
        database.close();
    }

    public static final class Builder {
        private String jdbcUrl;
        private String user;
        private String password;
        private int poolSize = 30;
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
        private java.util.function.Predicate<StageBinding> runsStage = stage -> true;
        private EgressPolicy egressPolicy = EgressPolicy.internetOnly();

        private Builder() {
        }

        /**
         * What calls out of the platform (plugins' webhooks and syncs) may reach inside its network, besides the
         * internet: CIDR blocks, IP addresses or host:port (see {@link EgressPolicy#allowing}). By default nothing.
         */
        public Builder egressAllow(List<String> allow) {
            this.egressPolicy = EgressPolicy.allowing(allow);
            return this;
        }

        /** The database, as its schema owner: migrations run as this user, queries as {@value Database#APP_ROLE}. */
        public Builder database(String jdbcUrl, String user, String password) {
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
            return this;
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
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
