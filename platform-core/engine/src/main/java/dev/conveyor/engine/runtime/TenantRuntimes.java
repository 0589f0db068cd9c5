package dev.conveyor.engine.runtime;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.budget.TenantBudgets;
import dev.conveyor.engine.delivery.IdlePolling;
import dev.conveyor.engine.delivery.MessageProcessor;
import dev.conveyor.engine.delivery.StageConsumer;
import dev.conveyor.engine.outbox.QueueAnnouncements.Announcement;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.TenantRecord;
import dev.conveyor.engine.tenant.TenantStatus;
import dev.conveyor.engine.tenant.TenantStore;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.DomainPlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tenant this process runs, kept in line with its stored state: built when it appears or its settings change,
 * reconfigured live when its topology changes, its consumers started and stopped with its status. Reconciling one
 * tenant never waits for another (a lock each), and one that fails does not hold up the rest.
 */
public final class TenantRuntimes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TenantRuntimes.class);

    private final PluginRegistry plugins;
    private final TenantStore tenants;
    private final TenantTransports transports;
    private final MessageProcessor processor;
    private final TenantBudgets budgets;
    private final Predicate<StageBinding> runsStage;
    private final Duration shutdownGrace;
    private final IdlePolling idlePolling;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
    /** Lease renewals on a scheduler of their own, so a slow housekeeping run never lets a lease run out. */
    private final ScheduledThreadPoolExecutor leaseRenewals;
    private final Map<String, ReentrantLock> reconcileLocks = new ConcurrentHashMap<>();
    private final Map<String, TenantRuntime> runtimes = new ConcurrentHashMap<>();
    private final Map<String, StageConsumer> consumersByQueue = new ConcurrentHashMap<>();
    /** Tenants whose plugin is not installed here, each logged once rather than at every reconcile. */
    private final Set<String> tenantsWithoutPlugin = ConcurrentHashMap.newKeySet();

    public TenantRuntimes(PluginRegistry plugins, TenantStore tenants, TenantTransports transports,
            MessageProcessor processor, TenantBudgets budgets, Predicate<StageBinding> runsStage, Duration shutdownGrace,
            IdlePolling idlePolling) {
        this.plugins = requireNonNull(plugins, "plugins is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
        this.transports = requireNonNull(transports, "transports is null");
        this.processor = requireNonNull(processor, "processor is null");
        this.budgets = requireNonNull(budgets, "budgets is null");
        this.runsStage = requireNonNull(runsStage, "runsStage is null");
        this.shutdownGrace = requireNonNull(shutdownGrace, "shutdownGrace is null");
        this.idlePolling = requireNonNull(idlePolling, "idlePolling is null");
        this.leaseRenewals = new ScheduledThreadPoolExecutor(2, Thread.ofVirtual().name("lease-renewal-", 0).factory());
        // A finished lease cancels its renewal: take it off the queue at once rather than keep the message (and its
        // body) reachable until the renewal would have been due, a whole half-lease later.
        leaseRenewals.setRemoveOnCancelPolicy(true);
    }

    /**
     * The tenant as this process runs it, built now if it was not yet (a tenant created through another instance).
     *
     * @throws NotFoundException when the tenant does not exist
     * @throws ConflictException when its plugin is not installed here
     */
    public TenantRuntime running(String tenantId) {
        TenantRuntime runtime = runtimes.get(tenantId);
        if (runtime == null) {
            TenantRecord tenant = tenants.existing(tenantId);
            pluginOf(tenant);
            reconcile(tenant);
            runtime = runtimes.get(tenantId);
        }
        if (runtime == null) {
            throw new NotFoundException("tenant '" + tenantId + "' does not exist");
        }
        return runtime;
    }

    /**
     * The tenant's plugin.
     *
     * @throws ConflictException when it is not installed here, or failed to install (the message says why)
     */
    public DomainPlugin<?> pluginOf(TenantRecord tenant) {
        return plugins.find(tenant.pluginId()).orElseThrow(() -> new ConflictException("tenant '" + tenant.id()
                + "' does not run: " + plugins.notInstalled(tenant.pluginId())));
    }

    /** Brings this process's runtime of the tenant in line with its stored state. */
    public void reconcile(TenantRecord tenant) {
        ReentrantLock lock = reconcileLocks.computeIfAbsent(tenant.id(), id -> new ReentrantLock());
        lock.lock();
        try {
            reconcileLocked(tenant);
        } finally {
            lock.unlock();
        }
    }

    /** Reconciles every stored tenant; one that fails (its storage account is away, say) does not hold up the others. */
    public void reconcileAll() {
        for (TenantRecord tenant : tenants.all()) {
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

    /** Wakes the consumer of {@code queueName} in this process, if there is one (a message was just sent to it). */
    public void wake(String queueName) {
        StageConsumer consumer = consumersByQueue.get(queueName);
        if (consumer != null) {
            consumer.wake();
        }
    }

    /** A queue announced by some instance ({@code QueueAnnouncements}): its consumer here polls now, or when it shows. */
    public void wake(Announcement announcement) {
        StageConsumer consumer = consumersByQueue.get(announcement.queueName());
        if (consumer == null) {
            return;
        }
        announcement.visibleAt().ifPresentOrElse(consumer::wakeAt, consumer::wake);
    }

    /** Every consumer here polls now (announcements may have been missed while they could not be heard). */
    public void wakeAll() {
        consumersByQueue.values().forEach(StageConsumer::wake);
    }

    private void reconcileLocked(TenantRecord tenant) {
        TenantRuntime running = runtimes.get(tenant.id());
        if (running != null && olderThan(tenant, running)) {
            // Read before a change this process has applied already (the reconcile loop's page raced an override or
            // a suspension): applying it would undo that change until the next interval.
            return;
        }
        switch (tenant.status()) {
            case PROVISIONING -> {
                // its creator provisions it; nothing runs until it is ACTIVE
            }
            case DELETED -> {
                if (running != null) {
                    stop(tenant.id(), running);
                }
            }
            case SUSPENDED, ACTIVE -> {
                if (running != null && running.version() != tenant.version()) {
                    stop(tenant.id(), running);
                    running = null;
                }
                if (running == null) {
                    running = build(tenant);
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

    private static boolean olderThan(TenantRecord tenant, TenantRuntime running) {
        return tenant.version() < running.version()
                || tenant.version() == running.version() && tenant.topologyVersion() < running.topologyVersion();
    }

    private TenantRuntime build(TenantRecord tenant) {
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
            transport.createQueues(topology.allQueueNames());
        } catch (RuntimeException e) {
            log.warn("tenant '{}': could not provision its queues now; its consumers will retry: {}", tenant.id(), e.toString());
        }
        List<StageConsumer> consumers = new ArrayList<>();
        for (StageBinding stage : topology.stages()) {
            if (!runsStage.test(stage)) {
                continue;
            }
            StageConsumer consumer = new StageConsumer(topology, stage, transport, processor, handlers, leaseRenewals,
                    budgets.handlerSlots(tenant.id()), idlePolling);
            consumers.add(consumer);
            consumersByQueue.put(stage.queueName(), consumer);
        }
        TenantRuntime runtime = new TenantRuntime(topology, instance, consumers, tenant.version(), tenant.topologyVersion());
        runtimes.put(tenant.id(), runtime);
        return runtime;
    }

    private void stop(String tenantId, TenantRuntime runtime) {
        runtime.stop(shutdownGrace);
        runtime.consumers().forEach(consumer -> consumersByQueue.remove(consumer.stage().queueName()));
        runtimes.remove(tenantId);
    }

    /**
     * Stops every tenant's consumers at once (in-flight messages get the shutdown grace, their leases still renewed),
     * then the lease renewals and the handlers.
     */
    @Override
    public void close() {
        List<Thread> stopping = new ArrayList<>();
        for (var entry : new HashMap<>(runtimes).entrySet()) {
            stopping.add(Thread.ofVirtual().start(() -> stop(entry.getKey(), entry.getValue())));
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
    }
}
