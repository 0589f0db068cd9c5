package dev.conveyor.engine.delivery;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.budget.HandlerSlots;
import dev.conveyor.engine.budget.TenantBudgets;
import dev.conveyor.engine.database.GroupCommit;
import dev.conveyor.engine.queue.QueueMissingException;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import dev.conveyor.engine.telemetry.StageMeters;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.TenantTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one stage of one tenant: receives batches with a lease, hands each message to its own virtual
 * thread up to the stage's concurrency, fetches the next batch once in-flight work has fallen to half (a message stops
 * counting once its transaction committed: its sends and delete go on without holding up the next receive), and backs
 * off (randomized, exponential, up to {@code maxIdlePoll}) while the queue is empty; after a batch smaller than
 * asked for it waits the shortest back-off too, as the queue is drained. A {@link #wake()} cuts either short when a
 * message was just sent to the queue (by this process, or announced by another instance: {@code QueueAnnouncements}),
 * and {@link #wakeAt} when one is due to become visible; a queue empty for long backs off further
 * ({@link IdlePolling}). Its settings can be changed while it runs ({@link #reconfigure}); a disabled stage stops
 * receiving until enabled again. Every message in flight also holds one of the tenant's {@link HandlerSlots}, shared by
 * all its stages, taken before the receive.
 */
public final class StageConsumer {

    private static final Logger log = LoggerFactory.getLogger(StageConsumer.class);
    private static final Duration MIN_IDLE_POLL = Duration.ofMillis(100);
    private static final int MAX_WAKE_TIMES = 1024;

    private final TenantTopology topology;
    private volatile StageBinding stage;
    private final QueueTransport transport;
    private final MessageProcessor processor;
    private final ExecutorService handlers;
    private final ScheduledExecutorService leaseRenewals;
    private final HandlerSlots slots;
    private final IdlePolling idlePolling;
    private final GroupCommit commits;
    /** When the current run of empty receives began (nanoTime), or 0 while the queue gives messages. Poller only. */
    private long emptySince;
    /** Epoch seconds at which a message is known to become visible here (delayed sends, retries), bounded. */
    private final ConcurrentSkipListSet<Long> wakeTimes = new ConcurrentSkipListSet<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Messages whose handler has not committed yet: what the stage's concurrency bounds. */
    private int inFlight;
    /**
     * Messages past their commit, still sending what they emitted and being deleted: they hold no handler slot, so the
     * next receive need not wait for those storage calls; at most the stage's concurrency of them.
     */
    private int finishing;
    private final java.util.Set<Lease> inFlightLeases = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private boolean woken;
    private volatile boolean running;
    private Thread poller;

    public StageConsumer(TenantTopology topology, StageBinding stage, QueueTransport transport,
            MessageProcessor processor, ExecutorService handlers, ScheduledExecutorService leaseRenewals,
            HandlerSlots slots, IdlePolling idlePolling) {
        this.topology = requireNonNull(topology, "topology is null");
        this.stage = requireNonNull(stage, "stage is null");
        this.transport = requireNonNull(transport, "transport is null");
        this.processor = requireNonNull(processor, "processor is null");
        this.handlers = requireNonNull(handlers, "handlers is null");
        this.leaseRenewals = requireNonNull(leaseRenewals, "leaseRenewals is null");
        this.slots = requireNonNull(slots, "slots is null");
        this.idlePolling = requireNonNull(idlePolling, "idlePolling is null");
        this.commits = processor.groupCommit(topology, stage);
    }

    public StageBinding stage() {
        return stage;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        poller = Thread.ofVirtual().name("consumer-" + stage.queueName()).start(this::pollLoop);
    }

    /**
     * Stops receiving and waits up to {@code grace} for in-flight messages to finish. Messages still in flight
     * after that are released (visible again at once) for another consumer; should their handler still commit,
     * the inbox makes the redelivery a no-op.
     */
    public void stop(Duration grace) {
        Thread thread;
        synchronized (this) {
            running = false;
            thread = poller;
        }
        if (thread == null) {
            return;
        }
        wake();
        long deadline = System.nanoTime() + grace.toNanos();
        lock.lock();
        try {
            while (inFlight + finishing > 0 && System.nanoTime() < deadline) {
                changed.awaitNanos(deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        for (Lease lease : inFlightLeases) {
            log.info("{}: releasing message {} still in flight after the {} s grace period", stage.queueName(),
                    lease.messageId(), grace.toSeconds());
            releaseQuietly(lease);
        }
        // The poller need not finish a receive or a retry pause (seconds while the queue service is away).
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies new settings (or enables/disables the stage) from the next receive on. */
    public void reconfigure(StageBinding binding) {
        if (!binding.queueName().equals(stage.queueName())) {
            throw new IllegalArgumentException("cannot move consumer of " + stage.queueName() + " to " + binding.queueName());
        }
        stage = binding;
        wake();
    }

    /** Something was just sent to this stage's queue: poll now instead of finishing the idle wait. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A message becomes visible on this stage's queue at {@code at} (sent with a delay, or released for a retry): poll
     * then, however long the idle back-off has grown. At most {@value #MAX_WAKE_TIMES} distinct seconds are kept;
     * beyond that the back-off finds the message.
     */
    public void wakeAt(Instant at) {
        long second = at.getEpochSecond() + 1;
        if (wakeTimes.size() >= MAX_WAKE_TIMES || !wakeTimes.add(second)) {
            return;
        }
        if (wakeTimes.first() == second) {
            scheduleNextWake();
        }
    }

    private void scheduleNextWake() {
        Long next = wakeTimes.isEmpty() ? null : wakeTimes.first();
        if (next == null) {
            return;
        }
        long delay = Math.max(0, next * 1000 - System.currentTimeMillis());
        try {
            leaseRenewals.schedule(() -> {
                long now = System.currentTimeMillis() / 1000 + 1;
                wakeTimes.headSet(now, true).clear();
                wake();
                scheduleNextWake();
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            wakeTimes.clear();
        }
    }

    private void pollLoop() {
        Duration idle = MIN_IDLE_POLL;
        while (running) {
            StageBinding current = stage;
            if (!current.enabled()) {
                pause(current.settings().maxIdlePoll());
                continue;
            }
            int capacity = awaitCapacity(current);
            if (!running) {
                break;
            }
            int requested;
            try {
                requested = slots.take(Math.min(current.settings().batchSize(), capacity));
            } catch (InterruptedException e) {
                break; // stopping
            }
            List<ReceivedMessage> batch;
            try {
                batch = transport.receive(current.queueName(), requested, current.settings().lease());
            } catch (QueueMissingException e) {
                slots.release(requested);
                // The queue's storage was reset (a restarted emulator) or never provisioned: make it again.
                log.warn("{}: queue is missing; creating it and its poison queue", current.queueName());
                recreate(current);
                idle = pause(idle);
                continue;
            } catch (RuntimeException e) {
                slots.release(requested);
                if (!running) {
                    break; // stopping: the receive was interrupted, nothing failed
                }
                log.warn("{}: receive failed, retrying in {} ms: {}", current.queueName(), idle.toMillis(), e.toString());
                idle = pause(idle);
                continue;
            }
            slots.release(requested - batch.size());
            if (batch.isEmpty()) {
                if (emptySince == 0) {
                    emptySince = System.nanoTime();
                }
                idle = pause(idle);
                continue;
            }
            emptySince = 0;
            idle = MIN_IDLE_POLL;
            for (ReceivedMessage message : batch) {
                dispatch(current, message);
            }
            if (batch.size() < requested) {
                // Fewer than asked for: the queue is drained for now, and receiving again at once would mostly
                // come back empty, a billed call for nothing. Wait for a wake-up (this process sent to the queue)
                // or the shortest idle poll.
                pause(MIN_IDLE_POLL);
            }
        }
    }

    private static void releaseQuietly(Lease lease) {
        try {
            lease.release(Duration.ZERO);
        } catch (RuntimeException e) {
            // lost already, or the service is away: it comes back when its lease runs out
            lease.finish();
        }
    }

    private void recreate(StageBinding current) {
        try {
            transport.createQueue(current.queueName());
            transport.createQueue(current.poisonQueueName());
        } catch (RuntimeException e) {
            log.warn("{}: could not create the queue: {}", current.queueName(), e.toString());
        }
    }

    private void dispatch(StageBinding current, ReceivedMessage message) {
        lock.lock();
        try {
            inFlight++;
        } finally {
            lock.unlock();
        }
        StageMeters meters = processor.meters(topology, current);
        Lease lease = new Lease(transport, message, current.settings().lease(), leaseRenewals, meters::leaseLost);
        inFlightLeases.add(lease);
        AtomicBoolean handlerDone = new AtomicBoolean();
        Runnable committed = () -> {
            if (handlerDone.compareAndSet(false, true)) {
                slots.release(1);
                changeCounts(-1, 1);
            }
        };
        try {
            handlers.execute(() -> {
                try {
                    TenantBudgets.runAsHandler(() -> processor.process(topology, current, message, lease, commits,
                            committed));
                } finally {
                    committed.run();
                    lease.releasedUntil().ifPresent(this::wakeAt);
                    lease.finish();
                    inFlightLeases.remove(lease);
                    changeCounts(0, -1);
                }
            });
        } catch (RuntimeException rejected) {
            // Shutting down: give the message back at once.
            releaseQuietly(lease);
            slots.release(1);
            inFlightLeases.remove(lease);
            changeCounts(-1, 0);
        }
    }

    private void changeCounts(int inFlightChange, int finishingChange) {
        lock.lock();
        try {
            inFlight += inFlightChange;
            finishing += finishingChange;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until in-flight work has fallen to half the concurrency; returns how many more may be taken. */
    private int awaitCapacity(StageBinding current) {
        // A stage's concurrency above the tenant's budget is clamped to it (the slots would hold it there anyway).
        int concurrency = Math.min(current.settings().concurrency(), slots.max());
        int threshold = Math.max(concurrency / 2, concurrency - current.settings().batchSize());
        lock.lock();
        try {
            while (running && (inFlight > threshold || finishing >= concurrency)) {
                changed.await();
            }
            return Math.max(1, concurrency - inFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** Waits the randomized idle back-off, or until woken; returns the next back-off. */
    private Duration pause(Duration idle) {
        long jittered = (long) (idle.toNanos() * (0.5 + ThreadLocalRandom.current().nextDouble() * 0.5));
        lock.lock();
        try {
            long remaining = jittered;
            while (running && !woken && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            if (woken) {
                woken = false;
                emptySince = 0;
                return MIN_IDLE_POLL;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
        Duration doubled = idle.multipliedBy(2);
        Duration emptyFor = emptySince == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - emptySince);
        Duration ceiling = idlePolling.ceiling(stage.settings().maxIdlePoll(), emptyFor);
        return doubled.compareTo(ceiling) > 0 ? ceiling : doubled;
    }

    @Override
    public String toString() {
        return "StageConsumer[" + stage.queueName() + "]";
    }

}
