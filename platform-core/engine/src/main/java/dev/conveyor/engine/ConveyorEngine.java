package dev.conveyor.engine;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.apikey.ApiKeys;
import dev.conveyor.engine.budget.TenantBudget;
import dev.conveyor.engine.budget.TenantBudgets;
import dev.conveyor.engine.claim.ClaimStore;
import dev.conveyor.engine.claim.ClaimSweeper;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.PostgresListener;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.delivery.IdlePolling;
import dev.conveyor.engine.delivery.MessageProcessor;
import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.egress.EgressPolicy;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.event.EventLog;
import dev.conveyor.engine.health.EngineHealth;
import dev.conveyor.engine.activity.ActivityRecorder;
import dev.conveyor.engine.activity.PipelineActivity;
import dev.conveyor.engine.housekeeping.Housekeeping;
import dev.conveyor.engine.ingest.Ingest;
import dev.conveyor.engine.lifecycle.Tenants;
import dev.conveyor.engine.notification.NotificationOptions;
import dev.conveyor.engine.notification.Notifications;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.outbox.QueueAnnouncements;
import dev.conveyor.engine.outbox.ParkedMessages;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.engine.request.PluginRequests;
import dev.conveyor.engine.routing.PluginRoutes;
import dev.conveyor.engine.runtime.TenantRuntimes;
import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.engine.storage.StorageAccount;
import dev.conveyor.engine.storage.StorageConnector;
import dev.conveyor.engine.stream.EventStreams;
import dev.conveyor.engine.stream.StreamLimits;
import dev.conveyor.engine.telemetry.BacklogPoller;
import dev.conveyor.engine.telemetry.Telemetry;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.StageCaps;
import dev.conveyor.engine.tenant.TenantStore;
import dev.conveyor.engine.tenant.TenantTeardown;
import dev.conveyor.engine.topology.Topologies;
import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.engine.webhook.WebhookOptions;
import dev.conveyor.engine.webhook.Webhooks;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine, on a database migrated and pooled for it ({@link dev.conveyor.engine.database.DatabaseSetup}): builds
 * its parts, starts their periodic loops and stops them in order. Each feature is reached through its own part:
 * {@link #tenants()} (lifecycle), {@link #topologies()}, {@link #routes()} (ingest, views, actions),
 * {@link #deadLetters()}, {@link #parkedMessages()}, {@link #apiKeys()}, {@link #plugins()}, {@link #health()}.
 * Tenants are reconciled from the database every few seconds, so a change made through any instance (a suspension,
 * a topology override) reaches all of them.
 */
public final class ConveyorEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConveyorEngine.class);
    /** How often stage activity is written (only where something happened), so the console lags this much at most. */
    private static final Duration ACTIVITY_FLUSH = Duration.ofSeconds(2);
    /** Stage activity is for watching now, not history (that is Prometheus' job): an hour is kept. */
    private static final Duration ACTIVITY_RETENTION = Duration.ofHours(1);

    private final PluginRegistry plugins;
    private final Database database;
    private final TenantTransports transports;
    private final Clock clock;
    private final Outbox outbox;
    private final DeadLetters deadLetters;
    private final Optional<ClaimSweeper> claimSweeper;
    private final EgressHttpClient egress;
    private final Notifications notifications;
    private final ApiKeys apiKeys;
    private final TenantRuntimes runtimes;
    private final Tenants tenants;
    private final Topologies topologies;
    private final PluginRoutes routes;
    private final ParkedMessages parkedMessages;
    private final Housekeeping housekeeping;
    private final EngineHealth health;
    private final Webhooks webhooks;
    private final EventStreams streams;
    /** This instance's LISTEN connection: live streams and queue announcements from every instance. */
    private final PostgresListener listener;
    private final BacklogPoller backlog;
    private final ActivityRecorder activityRecorder;
    private final PipelineActivity activity;
    private final List<AutoCloseable> closing;

    private ConveyorEngine(Builder builder) {
        this.plugins = requireNonNull(builder.plugins, "plugins is null");
        this.clock = builder.clock;
        StorageConnector storage = builder.storage != null ? builder.storage : StorageConnector.defaults();
        Optional<StorageAccount> platformAccount = Optional.ofNullable(builder.storageConnectionString).map(StorageAccount::parse);
        QueueTransport platformTransport = builder.transport != null ? builder.transport
                : builder.transportFactory != null ? builder.transportFactory.apply(requireNonNull(
                        builder.storageConnectionString, "neither a transport nor a storage connection string was given"))
                : storage.platformQueues(platformAccount.orElseThrow(() -> new NullPointerException(
                        "neither a transport nor a storage connection string was given")));
        this.transports = new TenantTransports(platformTransport, builder.transportFactory != null
                ? (tenantId, account) -> builder.transportFactory.apply(account)
                : (tenantId, account) -> storage.tenantQueues(tenantId, StorageAccount.parse(account)));
        this.closing = List.copyOf(builder.closing);
        this.database = new Database(requireNonNull(builder.pools,
                "no database was given: ConveyorEngine.builder().database(pools), pools from DatabaseSetup"), plugins.all());
        this.activityRecorder = new ActivityRecorder(database, clock);
        // Stage meters count into the recorder too: the console's figures come from where the meters are recorded.
        Telemetry telemetry = builder.telemetry.countingActivity(activityRecorder);
        TenantBudgets budgets = new TenantBudgets(builder.tenantBudget);
        database.gateTenantTransactions(budgets);
        EnvelopeCodec codec = new EnvelopeCodec();
        Optional<ClaimStore> claims = builder.claimStore != null ? Optional.of(builder.claimStore)
                : platformAccount.flatMap(storage::platformClaims);
        OutgoingMessages outgoing = new OutgoingMessages(codec, clock, claims);
        this.outbox = new Outbox(database, transports, clock, this::wakeConsumerOf);
        BeanValidation validation = new BeanValidation(clock);
        Ingest ingest = new Ingest(database, codec, outgoing, outbox, clock, builder.ingestSendDeadline, validation,
                builder.telemetry.tracing());
        this.deadLetters = new DeadLetters(database, transports, outbox, codec, clock, builder.retention);
        this.claimSweeper = claims.map(store -> new ClaimSweeper(database, store, clock));
        this.egress = new EgressHttpClient(builder.egressPolicy);
        this.notifications = new Notifications(database, codec.json(), clock, egress, builder.secrets,
                builder.notificationOptions, builder.telemetry);
        MessageProcessor processor = new MessageProcessor(database, codec, outbox, outgoing, deadLetters, clock, claims,
                egress, validation, new EventLog(codec.json(), clock), notifications, telemetry);
        TenantStore tenantStore = new TenantStore(database, codec.json(), builder.secrets, plugins);
        this.apiKeys = new ApiKeys(database, clock);
        int reencrypted = tenantStore.reencryptSecrets();
        if (reencrypted > 0) {
            log.info("re-encrypted the secrets of {} tenants with the newest secrets key", reencrypted);
        }
        this.listener = new PostgresListener(builder.pools.platform());
        this.runtimes = new TenantRuntimes(plugins, tenantStore, transports, processor, budgets, builder.runsStage,
                builder.shutdownGrace, new IdlePolling(builder.deepIdleAfter, builder.deepIdlePoll, listener::listening));
        listener.listen(QueueAnnouncements.CHANNEL, new PostgresListener.Channel() {
            @Override
            public void announced(List<String> payloads) {
                QueueAnnouncements.parse(payloads).forEach(runtimes::wake);
            }

            @Override
            public void connected() {
                runtimes.wakeAll();
            }
        });
        TenantTeardown teardown = new TenantTeardown(tenantStore, apiKeys, transports, plugins, database);
        this.tenants = new Tenants(tenantStore, plugins, transports, runtimes, apiKeys, outbox, teardown,
                builder.stageCaps, () -> budgets.budget().maxConcurrency(), storage.policy());
        this.topologies = new Topologies(tenantStore, runtimes, transports, deadLetters, builder.stageCaps,
                () -> budgets.budget().maxConcurrency());
        this.routes = new PluginRoutes(runtimes, ingest, new PluginRequests(database, clock, validation), budgets);
        this.parkedMessages = new ParkedMessages(outbox, tenantStore);
        this.housekeeping = new Housekeeping(2);
        this.health = new EngineHealth(database, platformTransport, housekeeping, parkedMessages);
        this.webhooks = new Webhooks(database, egress, builder.secrets, id -> runtimes.pluginOf(tenantStore.existing(id)),
                codec.json(), clock, builder.webhookOptions, builder.telemetry);
        int reencryptedProviders = notifications.tenantProviders().reencryptSecrets();
        if (reencryptedProviders > 0) {
            log.info("re-encrypted the secrets of {} tenants' notification providers with the newest secrets key",
                    reencryptedProviders);
        }
        int reencryptedEndpoints = webhooks.reencryptSecrets();
        if (reencryptedEndpoints > 0) {
            log.info("re-encrypted the secrets of {} webhook endpoints with the newest secrets key", reencryptedEndpoints);
        }
        housekeeping.every("webhook-delivery", builder.webhookOptions.pollInterval(),
                builder.webhookOptions.pollInterval(), webhooks::deliverDue);
        notifications.start();
        this.streams = new EventStreams(database, listener, builder.streamLimits, clock, builder.retention);
        this.backlog = new BacklogPoller(tenantStore, plugins, transports, outbox, telemetry, clock);
        backlog.hear(listener);
        listener.start();
        runtimes.reconcileAll();
        this.activity = new PipelineActivity(database, clock, tenantId -> waitingOf(tenantId));
        if (builder.telemetryGiven) {
            // Only where someone reads it (the server): tests and the benchmark count storage calls without it.
            backlog.start(builder.backlogPollInterval);
        }
        Duration sweepAge = builder.outboxSweepAge;
        housekeeping.every("outbox-sweep", builder.outboxSweepInterval, builder.outboxSweepInterval,
                () -> sweepOutbox(sweepAge));
        Duration retention = builder.retention;
        housekeeping.every("retention-purge", Duration.ofMinutes(1), Duration.ofHours(1), () -> purge(retention));
        housekeeping.every("tenant-reconcile", builder.reconcileInterval, builder.reconcileInterval,
                runtimes::reconcileAll);
        housekeeping.every("activity-flush", ACTIVITY_FLUSH, ACTIVITY_FLUSH, activityRecorder::flush);
        housekeeping.every("activity-purge", Duration.ofMinutes(1), Duration.ofMinutes(10),
                () -> activityRecorder.purge(ACTIVITY_RETENTION));
        housekeeping.every("tenant-teardown", Duration.ofSeconds(1), Duration.ofMinutes(1), tenants::resumeTeardowns);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Tenants: create, read, update, suspend, resume, delete. */
    public Tenants tenants() {
        return tenants;
    }

    /** Tenants' topologies: live view, stage overrides, their audit. */
    public Topologies topologies() {
        return topologies;
    }

    /** Tenants' HTTP resources as their plugins declare them: ingest routes, actions, views. */
    public PluginRoutes routes() {
        return routes;
    }

    /** The notification service: deliveries, settings, templates, preferences. */
    public Notifications notifications() {
        return notifications;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Outbox rows the sweeper gave up on, per tenant. */
    public ParkedMessages parkedMessages() {
        return parkedMessages;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public PluginRegistry plugins() {
        return plugins;
    }

    /** What health probes ask: dependencies answering, periodic loops, parked rows. */
    public EngineHealth health() {
        return health;
    }

    /** Tenants' webhook endpoints, their messages and attempts. */
    public Webhooks webhooks() {
        return webhooks;
    }

    public Clock clock() {
        return clock;
    }

    /** Live streams of the events plugins publish (this instance's subscribers, fed from every instance's commits). */
    public EventStreams streams() {
        return streams;
    }

    /**
     * What each stage of a tenant is doing, summed over every process that runs it (rate, failures, p95 handler time,
     * in flight), with its queue as last polled: the console's live figures.
     */
    public PipelineActivity activity() {
        return activity;
    }

    private Map<String, PipelineActivity.Waiting> waitingOf(String tenantId) {
        Map<String, PipelineActivity.Waiting> waiting = new java.util.TreeMap<>();
        backlog.tenant(tenantId).forEach((stage, queue) -> waiting.put(stage,
                new PipelineActivity.Waiting(queue.messages(), queue.oldest())));
        return waiting;
    }

    /** Queue and outbox backlog per stage, from the last poll (what autoscalers read; never a storage call). */
    public BacklogPoller backlog() {
        return backlog;
    }

    /** The database as the engine uses it: for tests and tools that check what it stored, never for the API. */
    public Database database() {
        return database;
    }

    /** The queue service holding this tenant's queues: for tests and tools, never for the API. */
    public QueueTransport transport(String tenantId) {
        return transports.forTenant(tenantId);
    }

    private void wakeConsumerOf(String queueName) {
        runtimes.wake(queueName);
    }

    private void purge(Duration retention) {
        Map<String, Integer> purged = deadLetters.purge(retention);
        if (purged.values().stream().anyMatch(count -> count > 0)) {
            log.info("purged rows older than {}: {}", retention, purged);
        }
        try {
            streams.purge();
        } catch (RuntimeException e) {
            log.warn("could not purge old events; retrying at the next run: {}", e.toString());
        }
        try {
            notifications.purge(retention);
        } catch (RuntimeException e) {
            log.warn("notification purge failed; retrying in an hour: {}", e.toString());
        }
        try {
            webhooks.purge(retention);
        } catch (RuntimeException e) {
            log.warn("webhook message purge failed; retrying in an hour: {}", e.toString());
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
        backlog.close();
        streams.close();
        listener.close();
        notifications.close();
        runtimes.close();
        activityRecorder.flushQuietly();
        webhooks.close();
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
        private Function<String, QueueTransport> transportFactory;
        private StorageConnector storage;
        private PluginRegistry plugins;
        private Clock clock = Clock.systemUTC();
        private Duration shutdownGrace = Duration.ofSeconds(20);
        private Duration outboxSweepInterval = Duration.ofSeconds(5);
        private Duration outboxSweepAge = Duration.ofSeconds(15);
        private Duration reconcileInterval = Duration.ofSeconds(2);
        private Duration retention = Duration.ofDays(7);
        private Duration deepIdleAfter = Duration.ofMinutes(2);
        private Duration deepIdlePoll = Duration.ofMinutes(1);
        private ClaimStore claimStore;
        private SecretCipher secrets = SecretCipher.none();
        private Predicate<StageBinding> runsStage = stage -> true;
        private TenantBudget tenantBudget = TenantBudget.defaults();
        private StageCaps stageCaps = StageCaps.defaults();
        private EgressPolicy egressPolicy = EgressPolicy.internetOnly();
        private WebhookOptions webhookOptions = WebhookOptions.defaults();
        private StreamLimits streamLimits = StreamLimits.defaults();
        private NotificationOptions notificationOptions = NotificationOptions.defaults();
        private Telemetry telemetry = Telemetry.none();
        private Duration backlogPollInterval = Duration.ofSeconds(10);
        private boolean telemetryGiven;

        private Builder() {
        }

        /** What each tenant may use in this process: ingest rate, handlers in flight, pooled connections. */
        public Builder tenantBudget(TenantBudget tenantBudget) {
            this.tenantBudget = requireNonNull(tenantBudget, "tenantBudget is null");
            return this;
        }

        /** How notifications are delivered: providers per channel, unsubscribe links, retries. */
        public Builder notifications(NotificationOptions options) {
            this.notificationOptions = requireNonNull(options, "options is null");
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

        /**
         * The platform's storage account, for tenants without one of their own: a connection string, or the Entra ID
         * form of {@link StorageAccount} ({@code Authentication=EntraId;QueueEndpoint=https://...;BlobEndpoint=...}).
         */
        public Builder storageConnectionString(String connectionString) {
            this.storageConnectionString = connectionString;
            return this;
        }

        /** The platform's queue transport, instead of one made from a connection string. */
        public Builder transport(QueueTransport transport) {
            this.transport = transport;
            return this;
        }

        /**
         * How storage accounts are reached with Microsoft Entra ID, and what a tenant may name for its own (default:
         * {@code DefaultAzureCredential}, Azure's queue endpoints only).
         */
        public Builder storage(StorageConnector storage) {
            this.storage = requireNonNull(storage, "storage is null");
            return this;
        }

        /** How to reach a tenant's own storage account from its connection string, instead of the {@link #storage}. */
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
        /**
         * How idle consumers sleep beyond their stage's {@code maxIdlePoll}: a queue empty for {@code after} (default
         * 2 min) is polled at most every {@code poll} (default 1 min) while this instance hears the announcements
         * every instance makes when it sends ({@link IdlePolling}); messages Conveyor sends wake it at once.
         */
        public Builder deepIdle(Duration after, Duration poll) {
            new IdlePolling(after, poll, () -> false); // checks the ranges now rather than at the first consumer
            this.deepIdleAfter = after;
            this.deepIdlePoll = poll;
            return this;
        }

        public Builder retention(Duration retention) {
            this.retention = requireNonNull(retention, "retention is null");
            return this;
        }

        /**
         * Which stages this process consumes (its role); by default all. A process that runs none still serves
         * the API, sweeps the outbox and reconciles tenants.
         */
        public Builder runsStages(Predicate<StageBinding> runsStage) {
            this.runsStage = requireNonNull(runsStage, "runsStage is null");
            return this;
        }

        /** How webhooks are retried, throttled, disabled and polled for (Svix's schedule by default). */
        public Builder webhooks(WebhookOptions options) {
            this.webhookOptions = requireNonNull(options, "options is null");
            return this;
        }

        /**
         * Where meters and spans go (nowhere by default), and how often queue backlogs are polled for the gauges and
         * {@link ConveyorEngine#backlog()} (not at all without this call).
         */
        public Builder telemetry(Telemetry telemetry, Duration backlogPollInterval) {
            this.telemetry = requireNonNull(telemetry, "telemetry is null");
            this.backlogPollInterval = requireNonNull(backlogPollInterval, "backlogPollInterval is null");
            this.telemetryGiven = true;
            return this;
        }

        public ConveyorEngine start() {
            return new ConveyorEngine(this);
        }
    }
}
