package dev.conveyor.bench;

import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue service's own ceiling for this message size: the SDK alone, producers sending and consumers receiving
 * 32 at a time and deleting, balanced so that the backlog stays small (Azurite slows down as it grows). Tries a few
 * producer/consumer counts and keeps the best. It calls through the engine's {@link QueueTransport} (a thin layer
 * over the SDK's client, built the one way the engine builds it), so its CPU per storage call is what every
 * worker pays per call, without the pipeline's own work.
 */
final class RawCeiling {

    private final QueueTransport queues;
    private final StorageOperations operations;
    private final String body;

    /** @param queues counted by {@code operations} */
    RawCeiling(QueueTransport queues, StorageOperations operations, int messageBytes) {
        this.queues = queues;
        this.operations = operations;
        this.body = "x".repeat(messageBytes);
    }

    Result run(Duration each) throws InterruptedException {
        Result best = null;
        // Consumers racing over a small backlog mostly get empty receives, so few consumers do best here.
        for (int[] pair : new int[][] {{1, 1}, {2, 1}, {4, 2}}) {
            Result result = measure(pair[0], pair[1], each);
            if (best == null || result.storageOpsPerSecond() > best.storageOpsPerSecond()) {
                best = result;
            }
        }
        return best;
    }

    /**
     * The queue client's own CPU per storage call: {@code workers} closed loops, each on its own queue, that send 16
     * messages, receive them in one call and delete each (33 calls a round, the pipeline's mix), with nothing else
     * running in this JVM and no waiting between calls. Unmeasured for {@code warmUp} first so that the JIT is done.
     */
    Result perCallCost(int workers, Duration warmUp, Duration measured) throws InterruptedException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            names.add("calls-" + i + "-" + System.nanoTime());
            queues.createQueue(names.get(i));
        }
        AtomicLong rounds = new AtomicLong();
        long[] marks = new long[3];
        long warmEnd = System.nanoTime() + warmUp.toNanos();
        long end = warmEnd + measured.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (String queue : names) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 16; i++) {
                        queues.send(queue, body, Duration.ZERO);
                    }
                    for (ReceivedMessage message : queues.receive(queue, 32, Duration.ofSeconds(30))) {
                        queues.delete(queue, message.messageId(), message.popReceipt());
                    }
                    rounds.incrementAndGet();
                }
            }));
        }
        java.util.concurrent.locks.LockSupport.parkNanos(warmEnd - System.nanoTime());
        long opsBefore = operations.count();
        long cpuBefore = Usage.processCpuNanos();
        long threadsBefore = Usage.javaThreadsCpuNanos();
        long wallBefore = System.nanoTime();
        for (Thread thread : threads) {
            thread.join();
        }
        long ops = operations.count() - opsBefore;
        long cpuNanos = Usage.processCpuNanos() - cpuBefore;
        long threadsNanos = Usage.javaThreadsCpuNanos() - threadsBefore;
        double seconds = (System.nanoTime() - wallBefore) / 1e9;
        names.forEach(queues::deleteQueue);
        return new Result("queue client alone (" + workers + " closed loops of 16 sends, 1 receive, 16 deletes)",
                null, ops / seconds, null, null, null, cpuNanos / 1e3 / Math.max(1, ops), null, null, null,
                "storage calls per second: " + Math.round(ops / seconds) + "; JVM CPU " + Math.round(cpuNanos / 1e6)
                        + " ms for " + ops + " calls; of it Java threads (without JIT and GC) "
                        + Math.round(threadsNanos / 1e6) + " ms, " + Math.round(threadsNanos / 1e3 / Math.max(1, ops))
                        + " us per call", null);
    }

    private Result measure(int producers, int consumers, Duration duration) throws InterruptedException {
        String queue = "ceiling-" + producers + "-" + consumers + "-" + System.nanoTime();
        queues.createQueue(queue);
        AtomicLong consumed = new AtomicLong();
        AtomicInteger backlog = new AtomicInteger();
        long opsBefore = operations.count();
        long cpuBefore = Usage.processCpuNanos();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    if (backlog.get() < 200) {
                        queues.send(queue, body, Duration.ZERO);
                        backlog.incrementAndGet();
                    } else {
                        // the consumers are behind: wait instead of spinning on the CPU Azurite needs
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                }
            }));
        }
        for (int i = 0; i < consumers; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    if (backlog.get() == 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                        continue;
                    }
                    for (ReceivedMessage message : queues.receive(queue, 32, Duration.ofSeconds(30))) {
                        queues.delete(queue, message.messageId(), message.popReceipt());
                        consumed.incrementAndGet();
                        backlog.decrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = duration.toNanos() / 1e9;
        long ops = operations.count() - opsBefore;
        long cpuNanos = Usage.processCpuNanos() - cpuBefore;
        double cpuMillisPerMessage = cpuNanos / 1e6 / Math.max(1, consumed.get());
        queues.deleteQueue(queue);
        // Per message (send + delete + a share of a receive), where the other rows count per order.
        return new Result("raw ceiling (SDK alone, " + producers + " producers + " + consumers + " consumers; per msg)",
                consumed.get() / seconds, ops / seconds, null, null, cpuMillisPerMessage, cpuNanos / 1e3 / Math.max(1, ops),
                null, null, null,
                "messages sent, received and deleted per second: " + Math.round(consumed.get() / seconds), null);
    }
}
