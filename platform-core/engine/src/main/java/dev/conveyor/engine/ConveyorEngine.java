package dev.conveyor.engine;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.delivery.MessageProcessor;
import dev.conveyor.engine.delivery.StageConsumer;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.ingest.Accepted;
import dev.conveyor.engine.ingest.Ingest;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.TenantRuntime;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.View;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: migrates the schema, runs tenants (provisions their queues, consumes every stage), accepts
 * messages for entry queues, serves plugin views, and sweeps the outbox. Build one with {@link #builder()}.
 */
public final class ConveyorEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConveyorEngine.class);

    private final PluginRegistry plugins;
    private final Database database;
    private final QueueTransport transport;
    private final Clock clock;
    private final Duration shutdownGrace;
    private final Outbox outbox;
    private final Ingest ingest;
    private final DeadLetters deadLetters;
    private final MessageProcessor processor;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService housekeeping;
    private final Map<String, TenantRuntime> tenants = new ConcurrentHashMap<>();
    private final Map<String, StageConsumer> consumersByQueue = new ConcurrentHashMap<>();

    private ConveyorEngine(Builder builder) {
        this.plugins = requireNonNull(builder.plugins, "plugins is null");
        this.transport = requireNonNull(builder.transport, "transport is null");
        this.clock = builder.clock;
        this.shutdownGrace = builder.shutdownGrace;
        this.database = Database.open(requireNonNull(builder.dataSource, "dataSource is null"), plugins.all());
        EnvelopeCodec codec = new EnvelopeCodec();
        OutgoingMessages outgoing = new OutgoingMessages(codec, clock);
        this.outbox = new Outbox(database, transport, clock, this::wakeConsumerOf);
        this.ingest = new Ingest(database, codec, outgoing, outbox, clock);
        this.deadLetters = new DeadLetters(database);
        this.processor = new MessageProcessor(database, transport, codec, outbox, outgoing, deadLetters, clock);
        this.housekeeping = Executors.newScheduledThreadPool(2, Thread.ofPlatform().daemon().name("conveyor-housekeeping-", 0).factory());
        Duration sweepAge = builder.outboxSweepAge;
        long interval = builder.outboxSweepInterval.toMillis();
        housekeeping.scheduleWithFixedDelay(() -> sweepOutbox(sweepAge), interval, interval, TimeUnit.MILLISECONDS);
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

    public QueueTransport transport() {
        return transport;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Records the tenant, provisions its queues (idempotent: safe to repeat after a crash halfway) and starts
     * consuming every stage.
     */
    public synchronized TenantRuntime startTenant(TenantSpec spec) {
        if (tenants.containsKey(spec.id())) {
            throw new IllegalStateException("tenant '" + spec.id() + "' is already running");
        }
        DomainPlugin plugin = plugins.get(spec.pluginId());
        for (String stage : spec.stageOverrides().keySet()) {
            if (plugin.topology().stage(stage).isEmpty()) {
                throw new IllegalArgumentException("plugin '" + plugin.id() + "' has no stage '" + stage + "' to override");
            }
        }
        recordTenant(spec);
        TenantTopology topology = new TenantTopology(spec, plugin);
        topology.allQueueNames().forEach(transport::createQueue);
        List<StageConsumer> consumers = new ArrayList<>();
        for (StageBinding stage : topology.stages()) {
            StageConsumer consumer = new StageConsumer(topology, stage, transport, processor, handlers, housekeeping);
            consumers.add(consumer);
            consumersByQueue.put(stage.queueName(), consumer);
        }
        TenantRuntime runtime = new TenantRuntime(topology, consumers);
        tenants.put(spec.id(), runtime);
        runtime.start();
        log.info("tenant '{}' running plugin '{}' on queues {}", spec.id(), plugin.id(), topology.allQueueNames());
        return runtime;
    }

    /** Stops the tenant's consumers; with {@code deleteQueues}, removes its queues too (its rows stay). */
    public void stopTenant(String tenantId, boolean deleteQueues) {
        TenantRuntime runtime = tenants.remove(tenantId);
        if (runtime == null) {
            return;
        }
        runtime.stop(shutdownGrace);
        runtime.consumers().forEach(consumer -> consumersByQueue.remove(consumer.stage().queueName()));
        if (deleteQueues) {
            runtime.topology().allQueueNames().forEach(transport::deleteQueue);
        }
    }

    public Collection<TenantRuntime> tenants() {
        return List.copyOf(tenants.values());
    }

    public TenantRuntime tenant(String tenantId) {
        TenantRuntime runtime = tenants.get(tenantId);
        if (runtime == null) {
            throw new NotFoundException("tenant '" + tenantId + "' does not exist");
        }
        return runtime;
    }

    /** Accepts a JSON payload submitted to the tenant's ingest resource (such as {@code orders}). */
    public Accepted ingest(String tenantId, String resource, String json, Optional<String> idempotencyKey) {
        TenantTopology topology = tenant(tenantId).topology();
        IngestRoute route = topology.plugin().ingestRoutes().stream()
                .filter(candidate -> candidate.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' accepts no '" + resource
                        + "' (it accepts: " + String.join(", ", topology.plugin().ingestRoutes().stream()
                                .map(IngestRoute::resource).toList()) + ")"));
        return ingest.accept(topology, route.queue(), json, idempotencyKey);
    }

    /**
     * Looks a record up in a plugin view, in a transaction scoped to the tenant.
     *
     * @throws NotFoundException        when the tenant, view or record does not exist
     * @throws IllegalArgumentException when the key is malformed for the view
     */
    public Object view(String tenantId, String resource, String key) {
        DomainPlugin plugin = tenant(tenantId).topology().plugin();
        View view = plugin.views().stream()
                .filter(candidate -> candidate.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("tenant '" + tenantId + "' has no '" + resource
                        + "' (it has: " + String.join(", ", plugin.views().stream().map(View::resource).toList()) + ")"));
        Optional<Object> found = database.inTenantTransaction(tenantId, entityManager -> {
            entityManager.createNativeQuery("set transaction read only").executeUpdate();
            return view.finder().find(tenantId, key, entityManager);
        });
        return found.orElseThrow(() -> new NotFoundException(
                "tenant '" + tenantId + "' has no " + resource + " with " + view.keyName() + " '" + key + "'"));
    }

    private void recordTenant(TenantSpec spec) {
        String existingPlugin = database.inTenantTransaction(spec.id(), entityManager -> {
            entityManager.createNativeQuery("""
                    insert into tenant (id, display_name, plugin_id) values (?1, ?2, ?3)
                    on conflict (id) do nothing""")
                    .setParameter(1, spec.id())
                    .setParameter(2, spec.displayName())
                    .setParameter(3, spec.pluginId())
                    .executeUpdate();
            return (String) entityManager.createNativeQuery("select plugin_id from tenant where id = ?1")
                    .setParameter(1, spec.id())
                    .getSingleResult();
        });
        if (!existingPlugin.equals(spec.pluginId())) {
            throw new IllegalStateException("tenant '" + spec.id() + "' already exists with plugin '" + existingPlugin
                    + "', not '" + spec.pluginId() + "'; pick another tenant id");
        }
    }

    private void wakeConsumerOf(String queueName) {
        StageConsumer consumer = consumersByQueue.get(queueName);
        if (consumer != null) {
            consumer.wake();
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
        List<Thread> stopping = tenants.keySet().stream()
                .map(id -> Thread.ofVirtual().start(() -> stopTenant(id, false)))
                .toList();
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        housekeeping.shutdownNow();
        handlers.shutdown();
        database.close();
    }

    public static final class Builder {
        private DataSource dataSource;
        private QueueTransport transport;
        private PluginRegistry plugins;
        private Clock clock = Clock.systemUTC();
        private Duration shutdownGrace = Duration.ofSeconds(20);
        private Duration outboxSweepInterval = Duration.ofSeconds(5);
        private Duration outboxSweepAge = Duration.ofSeconds(15);

        private Builder() {
        }

        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        public Builder transport(QueueTransport transport) {
            this.transport = transport;
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

        public ConveyorEngine start() {
            return new ConveyorEngine(this);
        }
    }
}
