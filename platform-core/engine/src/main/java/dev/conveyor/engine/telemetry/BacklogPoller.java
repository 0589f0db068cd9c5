package dev.conveyor.engine.telemetry;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.PostgresListener;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.QueueAnnouncements;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TenantStatus;
import dev.conveyor.engine.tenant.TenantStore;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.DomainPlugin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls, every few seconds, the depth and oldest visible message of every active tenant's stage queues (tenants
 * created at run time included: the list is read from the database each time) and the outbox's backlog, and keeps the
 * result. Gauges and the per-stage backlog read that snapshot, so a scrape or an autoscaler's query never costs a
 * storage call; the storage calls are two per queue per poll (properties, and a peek when the queue is not empty).
 * A tenant whose queues were all empty is polled again only after {@link #QUIET_REPOLL}, unless an instance announces
 * a send to one of them ({@code QueueAnnouncements}) first: thousands of idle tenants cost a call per queue every few
 * minutes, not every few seconds.
 */
public final class BacklogPoller implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BacklogPoller.class);

    /** How long a tenant whose queues were empty goes unpolled while no send to them is announced. */
    static final Duration QUIET_REPOLL = Duration.ofMinutes(2);

    private final TenantStore tenants;
    private final PluginRegistry plugins;
    private final TenantTransports transports;
    private final Outbox outbox;
    private final Telemetry telemetry;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of(), Map.of(), null);
    private final Map<QueueKey, List<Meter>> queueGauges = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> outboxGauges = new ConcurrentHashMap<>();
    /** Tenants whose queues were all empty at their last poll, and when they are polled again. */
    private final Map<String, Instant> quietUntil = new ConcurrentHashMap<>();
    /** The tenant of each queue polled, to tell which tenant an announced queue belongs to. */
    private final Map<String, String> tenantOfQueue = new ConcurrentHashMap<>();
    /** Tenants announced while their poll was under way: the empty queues it read may no longer be empty. */
    private final Set<String> announcedDuringPoll = ConcurrentHashMap.newKeySet();
    private volatile BooleanSupplier announcementsHeard = () -> false;
    private ScheduledExecutorService scheduler;
    private int failuresInARow;

    /** One stage queue's figures; the tenant is {@link Telemetry#ALL_TENANTS} when the tenant tag is dropped. */
    record QueueKey(String tenant, String plugin, String stage) {
    }

    record QueueFigures(long messages, Instant oldest) {
        QueueFigures plus(QueueFigures other) {
            Instant earliest = oldest == null ? other.oldest
                    : other.oldest == null || oldest.isBefore(other.oldest) ? oldest : other.oldest;
            return new QueueFigures(messages + other.messages, earliest);
        }
    }

    /** {@code byTenant}: each tenant's stage queues by its own id, whether or not meters carry the tenant tag. */
    record Snapshot(Map<QueueKey, QueueFigures> queues, Map<String, Outbox.Backlog> outbox,
            Map<String, Map<String, QueueFigures>> byTenant, Instant polledAt) {
    }

    public BacklogPoller(TenantStore tenants, PluginRegistry plugins, TenantTransports transports, Outbox outbox,
            Telemetry telemetry, Clock clock) {
        this.tenants = requireNonNull(tenants, "tenants is null");
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Hears the queue announcements on {@code listener} (before it starts), so quiet tenants can go unpolled. */
    public void hear(PostgresListener listener) {
        listener.listen(QueueAnnouncements.CHANNEL, new PostgresListener.Channel() {
            @Override
            public void announced(List<String> payloads) {
                for (QueueAnnouncements.Announcement announcement : QueueAnnouncements.parse(payloads)) {
                    String tenant = tenantOfQueue.get(announcement.queueName());
                    if (tenant != null) {
                        announcedDuringPoll.add(tenant);
                        quietUntil.remove(tenant);
                    }
                }
            }

            @Override
            public void connected() {
                quietUntil.clear(); // what was announced meanwhile is unknown
            }
        });
        announcementsHeard = listener::listening;
    }

    /**
     * Polls every {@code interval} on a thread of its own (a poll over many tenants takes a while, and must not hold up
     * the housekeeping loops), the first time at once.
     */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("conveyor-backlog-poll")
                .factory());
        scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    private void pollQuietly() {
        try {
            poll();
            failuresInARow = 0;
        } catch (RuntimeException e) {
            // The figures stay those of the last poll; said once per outage rather than at every interval.
            if (failuresInARow++ == 0) {
                log.warn("backlog poll failed; the last figures stand until a poll succeeds: {}", e.toString());
            }
        }
    }

    /** One poll: queues of every active tenant, then the outbox; a queue whose storage does not answer is left out. */
    public void poll() {
        Map<QueueKey, QueueFigures> queues = new HashMap<>();
        Map<String, Map<String, QueueFigures>> byTenant = new HashMap<>();
        Instant now = clock.instant();
        for (TenantRecord tenant : tenants.all()) {
            if (tenant.status() != TenantStatus.ACTIVE) {
                continue;
            }
            Optional<DomainPlugin<?>> plugin = plugins.find(tenant.pluginId());
            if (plugin.isEmpty()) {
                continue;
            }
            QueueTransport transport = transports.forTenant(tenant.id());
            List<StageBinding> stages;
            try {
                stages = new TenantTopology(tenant.spec(), plugin.get()).stages();
            } catch (RuntimeException e) {
                log.debug("backlog of tenant '{}' not polled: {}", tenant.id(), e.toString());
                continue;
            }
            Instant quietTill = quietUntil.get(tenant.id());
            boolean quiet = quietTill != null && now.isBefore(quietTill) && announcementsHeard.getAsBoolean();
            boolean allEmpty = true;
            if (!quiet) {
                announcedDuringPoll.remove(tenant.id());
            }
            for (StageBinding stage : stages) {
                tenantOfQueue.put(stage.queueName(), tenant.id());
                QueueKey key = new QueueKey(telemetry.tenantValue(tenant.id()), tenant.pluginId(), stage.stageName());
                if (quiet) {
                    queues.merge(key, new QueueFigures(0, null), QueueFigures::plus);
                    byTenant.computeIfAbsent(tenant.id(), id -> new HashMap<>()).merge(stage.stageName(),
                            new QueueFigures(0, null), QueueFigures::plus);
                    continue;
                }
                try {
                    long depth = transport.approximateDepth(stage.queueName());
                    Instant oldest = depth == 0 ? null : transport.oldestVisibleMessageTime(stage.queueName()).orElse(null);
                    queues.merge(key, new QueueFigures(depth, oldest), QueueFigures::plus);
                    byTenant.computeIfAbsent(tenant.id(), id -> new HashMap<>()).merge(stage.stageName(),
                            new QueueFigures(depth, oldest), QueueFigures::plus);
                    allEmpty &= depth == 0;
                } catch (RuntimeException e) {
                    allEmpty = false;
                    log.debug("backlog of queue {} not polled: {}", stage.queueName(), e.toString());
                }
            }
            if (!quiet) {
                if (allEmpty && !announcedDuringPoll.contains(tenant.id())) {
                    quietUntil.put(tenant.id(), now.plus(QUIET_REPOLL));
                } else {
                    quietUntil.remove(tenant.id());
                }
            }
        }
        Map<String, Outbox.Backlog> outboxBacklog = new HashMap<>();
        outbox.backlogByTenant().forEach((tenant, backlog) -> outboxBacklog.merge(telemetry.tenantValue(tenant), backlog,
                (a, b) -> new Outbox.Backlog(a.rows() + b.rows(),
                        a.oldestDueAt().isBefore(b.oldestDueAt()) ? a.oldestDueAt() : b.oldestDueAt())));
        snapshot = new Snapshot(Map.copyOf(queues), Map.copyOf(outboxBacklog), Map.copyOf(byTenant), clock.instant());
        registerGauges();
    }

    /** Each stage's backlog over every tenant and plugin, by stage name, from the last poll. */
    public List<StageBacklog> stages() {
        Snapshot current = snapshot;
        Map<String, QueueFigures> byStage = new TreeMap<>();
        current.queues().forEach((key, figures) -> byStage.merge(key.stage(), figures, QueueFigures::plus));
        List<StageBacklog> stages = new ArrayList<>();
        byStage.forEach((stage, figures) -> stages.add(backlog(stage, figures, current)));
        return stages;
    }

    /** One stage's backlog from the last poll: zero when no active tenant has the stage (yet). */
    public StageBacklog stage(String stage) {
        Snapshot current = snapshot;
        QueueFigures sum = new QueueFigures(0, null);
        for (var entry : current.queues().entrySet()) {
            if (entry.getKey().stage().equals(stage)) {
                sum = sum.plus(entry.getValue());
            }
        }
        return backlog(stage, sum, current);
    }

    /**
     * One tenant's stage queues from the last poll, by stage name: approximate depth and the time of the oldest visible
     * message (empty when the tenant was not polled: not active, or no poll yet).
     */
    public Map<String, TenantQueue> tenant(String tenantId) {
        Map<String, QueueFigures> queues = snapshot.byTenant().getOrDefault(tenantId, Map.of());
        Map<String, TenantQueue> result = new TreeMap<>();
        queues.forEach((stage, figures) -> result.put(stage, new TenantQueue(figures.messages(), figures.oldest())));
        return result;
    }

    /** A tenant's stage queue as polled: messages on it, and when the oldest visible one was sent ({@code null}: none). */
    public record TenantQueue(long messages, Instant oldest) {
    }

    /** When the last poll completed, if one has. */
    public Optional<Instant> polledAt() {
        return Optional.ofNullable(snapshot.polledAt());
    }

    private static StageBacklog backlog(String stage, QueueFigures figures, Snapshot at) {
        return new StageBacklog(stage, figures.messages(), ageSeconds(figures.oldest(), at.polledAt()));
    }

    private static double ageSeconds(Instant oldest, Instant polledAt) {
        if (oldest == null || polledAt == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, polledAt).toMillis() / 1000.0);
    }

    private void registerGauges() {
        MeterRegistry registry = telemetry.registry();
        Snapshot current = snapshot;
        for (QueueKey key : current.queues().keySet()) {
            queueGauges.computeIfAbsent(key, k -> {
                Tags tags = Tags.of("tenant", k.tenant(), "plugin", k.plugin(), "stage", k.stage());
                return List.of(
                        Gauge.builder("conveyor.queue.depth", this, poller -> poller.figures(k).messages())
                                .description("Messages on the stage's queue, leased ones included (last poll)")
                                .tags(tags).baseUnit("messages").register(registry),
                        TimeGauge.builder("conveyor.queue.oldest.age", this, TimeUnit.SECONDS,
                                poller -> ageSeconds(poller.figures(k).oldest(), poller.snapshot.polledAt()))
                                .description("Age of the oldest visible message on the stage's queue (last poll)")
                                .tags(tags).register(registry));
            });
        }
        for (String tenant : tenantsWithOutbox(current)) {
            outboxGauges.computeIfAbsent(tenant, t -> List.of(
                    Gauge.builder("conveyor.outbox.backlog", this, poller -> poller.outboxOf(t).rows())
                            .description("Outbox rows due and not sent yet (last poll)")
                            .tag("tenant", t).baseUnit("rows").register(registry),
                    TimeGauge.builder("conveyor.outbox.oldest.age", this, TimeUnit.SECONDS,
                            poller -> ageSeconds(poller.outboxOf(t).oldestDueAt(), poller.snapshot.polledAt()))
                            .description("How long the longest-waiting due outbox row has waited (last poll)")
                            .tag("tenant", t).register(registry)));
        }
        // Tenants deleted or suspended since: their gauges go rather than report a stale figure.
        queueGauges.keySet().removeIf(key -> {
            if (current.queues().containsKey(key)) {
                return false;
            }
            queueGauges.get(key).forEach(registry::remove);
            return true;
        });
    }

    private static List<String> tenantsWithOutbox(Snapshot current) {
        List<String> tenants = new ArrayList<>(current.outbox().keySet());
        current.queues().keySet().forEach(key -> {
            if (!tenants.contains(key.tenant())) {
                tenants.add(key.tenant());
            }
        });
        return tenants;
    }

    private QueueFigures figures(QueueKey key) {
        return snapshot.queues().getOrDefault(key, new QueueFigures(0, null));
    }

    private Outbox.Backlog outboxOf(String tenant) {
        Outbox.Backlog backlog = snapshot.outbox().get(tenant);
        return backlog != null ? backlog : new Outbox.Backlog(0, null);
    }
}
