package dev.conveyor.engine.housekeeping;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the engine's periodic loops. A run that throws anything, {@link Error}s included, is logged and counted
 * and the loop goes on at its next interval (a {@code ScheduledExecutorService} would silently stop a task that
 * threw); a loop that has not completed a run for {@value #STALL_FACTOR} intervals is reported as stalled.
 */
public final class Housekeeping implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    private static final int STALL_FACTOR = 3;

    private final ScheduledThreadPoolExecutor scheduler;
    private final Duration stallGrace;
    private final Map<String, Loop> loops = new ConcurrentHashMap<>();

    public Housekeeping(int threads) {
        this(threads, Duration.ofSeconds(30));
    }

    /** @param stallGrace added to {@value #STALL_FACTOR} intervals before a loop counts as stalled */
    Housekeeping(int threads, Duration stallGrace) {
        this.stallGrace = stallGrace;
        this.scheduler = new ScheduledThreadPoolExecutor(threads,
                Thread.ofPlatform().daemon().name("conveyor-housekeeping-", 0).factory());
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} every {@code interval}, the first time after {@code initialDelay}. */
    public void every(String name, Duration initialDelay, Duration interval, Runnable task) {
        Loop loop = new Loop(name, interval, Instant.now().plus(initialDelay));
        if (loops.putIfAbsent(name, loop) != null) {
            throw new IllegalArgumentException("a loop named '" + name + "' is scheduled already");
        }
        scheduler.scheduleWithFixedDelay(() -> loop.run(task), initialDelay.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Every loop, with its last completion and failure count. */
    public List<LoopStatus> status() {
        // Wall-clock time, not the engine's clock: tests move that one days ahead, and the loops run in real time.
        Instant now = Instant.now();
        return loops.values().stream().map(loop -> loop.status(now, stallGrace)).sorted(java.util.Comparator.comparing(LoopStatus::name))
                .toList();
    }

    /** Stops the loops; a run under way is interrupted. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** One loop's health: when it last completed a run, how many runs failed, whether it is stalled. */
    public record LoopStatus(String name, Duration interval, Instant lastCompleted, long failures, String lastFailure,
            boolean stalled) {
    }

    private static final class Loop {
        private final String name;
        private final Duration interval;
        private final AtomicReference<Instant> lastCompleted;
        private final AtomicLong failures = new AtomicLong();
        private final AtomicReference<String> lastFailure = new AtomicReference<>();

        Loop(String name, Duration interval, Instant firstDue) {
            this.name = name;
            this.interval = interval;
            // Counted from its first due time, so a loop is not "stalled" before it ever had to run.
            this.lastCompleted = new AtomicReference<>(firstDue);
        }

        void run(Runnable task) {
            try {
                task.run();
                lastCompleted.set(Instant.now());
            } catch (Throwable e) {
                failures.incrementAndGet();
                lastFailure.set(e.getClass().getSimpleName());
                log.warn("housekeeping loop '{}' failed (failure {}); it runs again in {} ms", name, failures.get(),
                        interval.toMillis(), e);
            }
        }

        LoopStatus status(Instant now, Duration stallGrace) {
            Instant last = lastCompleted.get();
            boolean stalled = last.plus(interval.multipliedBy(STALL_FACTOR)).plus(stallGrace).isBefore(now);
            return new LoopStatus(name, interval, last, failures.get(), lastFailure.get(), stalled);
        }
    }
}
