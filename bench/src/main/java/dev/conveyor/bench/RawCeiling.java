package dev.conveyor.bench;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The queue service's own ceiling for this message size: the SDK alone, producers sending and consumers receiving
 * 32 at a time and deleting, balanced so that the backlog stays small (Azurite slows down as it grows). Tries a few
 * producer/consumer counts and keeps the best.
 */
final class RawCeiling {

    private final String connectionString;
    private final StorageOperations operations;
    private final String body;

    RawCeiling(String connectionString, StorageOperations operations, int messageBytes) {
        this.connectionString = connectionString;
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

    private Result measure(int producers, int consumers, Duration duration) throws InterruptedException {
        QueueClient queue = new QueueClientBuilder().connectionString(connectionString)
                .queueName("ceiling-" + producers + "-" + consumers + "-" + System.nanoTime())
                .httpClient(new JdkHttpClientBuilder().build())
                .addPolicy(operations)
                .buildClient();
        queue.create();
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
                        queue.sendMessage(body);
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
                    for (QueueMessageItem item : queue.receiveMessages(32, Duration.ofSeconds(30), null, null)) {
                        queue.deleteMessage(item.getMessageId(), item.getPopReceipt());
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
        double cpuMillisPerMessage = (Usage.processCpuNanos() - cpuBefore) / 1e6 / Math.max(1, consumed.get());
        queue.delete();
        // Per message (send + delete + a share of a receive), where the other rows count per order.
        return new Result("raw ceiling (SDK alone, " + producers + " producers + " + consumers + " consumers; per msg)",
                consumed.get() / seconds, ops / seconds, null, null, cpuMillisPerMessage, null, null, null,
                "messages sent, received and deleted per second: " + Math.round(consumed.get() / seconds), null);
    }
}
