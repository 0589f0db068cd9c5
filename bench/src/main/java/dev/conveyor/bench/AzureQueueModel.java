package dev.conveyor.bench;

import dev.conveyor.engine.queue.LeaseLostException;
import dev.conveyor.engine.queue.QueueMissingException;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import dev.conveyor.engine.queue.SentMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A MODEL of Azure Storage Queues, in process, for the benchmark only: it shows what one worker process sustains
 * when the queue service is not the bottleneck, as it is not in production. It models
 * <ul>
 *   <li>per-operation latency: a mean per kind of call with a long tail (an assumption for calls within one
 *       Azure region, not a published figure);</li>
 *   <li>Azure's published scalability targets: 2,000 messages per second put on one queue, 20,000 requests per
 *       second on one storage account; beyond them the call fails with 503 Server Busy;</li>
 *   <li>the SDK's retry of a 503 as the engine configures it (exponential from 200 ms, 4 tries), every try
 *       counted as a billed operation;</li>
 *   <li>queue semantics: visibility timeouts, pop receipts that change on every receive and update, dequeue
 *       counts, initial visibility.</li>
 * </ul>
 * Every figure measured on it is printed as the model's.
 */
final class AzureQueueModel implements QueueTransport {

    static final int QUEUE_MESSAGES_PER_SECOND = 2_000;
    static final int ACCOUNT_REQUESTS_PER_SECOND = 20_000;
    private static final int TRIES = 4;
    private static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(200);

    /** Mean latency per kind of call, in microseconds. */
    private static final Map<String, Long> MEAN_MICROS = Map.of(
            "send", 6_000L, "receive", 8_000L, "delete", 5_000L, "update", 6_000L, "other", 5_000L);

    private final StorageOperations operations;
    private final Map<String, ModelQueue> queues = new ConcurrentHashMap<>();
    private final RateLimit account = new RateLimit(ACCOUNT_REQUESTS_PER_SECOND);
    private final AtomicLong throttled = new AtomicLong();

    AzureQueueModel(StorageOperations operations) {
        this.operations = operations;
    }

    static String describe() {
        return "Azure model: mean latency send 6 ms, receive 8 ms, delete 5 ms, update 6 ms (0.6x to 2.3x the mean,"
                + " 1% of calls 5.7x); " + QUEUE_MESSAGES_PER_SECOND + " msg/s per queue, " + ACCOUNT_REQUESTS_PER_SECOND
                + " requests/s per account, 503 beyond (retried as the SDK does)";
    }

    /** How many calls the model answered with 503 Server Busy. */
    long throttled() {
        return throttled.get();
    }

    @Override
    public void createQueue(String queueName) {
        call("other", null, 0, () -> queues.computeIfAbsent(queueName, name -> new ModelQueue()));
    }

    @Override
    public void deleteQueue(String queueName) {
        call("other", null, 0, () -> queues.remove(queueName));
    }

    @Override
    public SentMessage send(String queueName, String body, Duration initialVisibility) {
        return call("send", queueName, 1, () -> queue(queueName).put(body,
                initialVisibility.isNegative() ? Duration.ZERO : initialVisibility));
    }

    @Override
    public List<ReceivedMessage> receive(String queueName, int maxMessages, Duration lease) {
        return call("receive", queueName, 0, () -> queue(queueName).take(queueName, maxMessages, lease));
    }

    @Override
    public void delete(String queueName, String messageId, String popReceipt) {
        call("delete", queueName, 0, () -> queue(queueName).remove(queueName, messageId, popReceipt));
    }

    @Override
    public String extendLease(String queueName, String messageId, String popReceipt, Duration visibility) {
        return call("update", queueName, 0, () -> queue(queueName).hide(queueName, messageId, popReceipt, visibility));
    }

    @Override
    public void ping() {
        call("other", null, 0, () -> null);
    }

    @Override
    public long approximateDepth(String queueName) {
        return call("other", queueName, 0, () -> (long) queue(queueName).size());
    }

    private ModelQueue queue(String queueName) {
        ModelQueue queue = queues.get(queueName);
        if (queue == null) {
            throw new QueueMissingException(queueName, null);
        }
        return queue;
    }

    /**
     * One call as the SDK makes it: wait the modeled latency, then either answer or (above a target) fail with 503,
     * which is retried with exponential back-off up to {@link #TRIES} tries.
     */
    private <T> T call(String kind, String queueName, int messagesPut, java.util.function.Supplier<T> operation) {
        Duration retryDelay = FIRST_RETRY_DELAY;
        for (int attempt = 1; ; attempt++) {
            operations.record(kind);
            LockSupport.parkNanos(latencyNanos(kind));
            boolean queueOk = queueName == null || messagesPut == 0 || queueLimit(queueName).tryAcquire(messagesPut);
            if (account.tryAcquire(1) && queueOk) {
                return operation.get();
            }
            throttled.incrementAndGet();
            if (attempt == TRIES) {
                throw new ServerBusyException(kind + " on " + (queueName == null ? "the account" : queueName)
                        + ": 503 Server Busy (Azure model: above " + (queueOk ? ACCOUNT_REQUESTS_PER_SECOND
                        + " requests/s per account" : QUEUE_MESSAGES_PER_SECOND + " msg/s per queue") + ")");
            }
            LockSupport.parkNanos(retryDelay.toNanos());
            retryDelay = retryDelay.multipliedBy(2);
        }
    }

    private final Map<String, RateLimit> queueLimits = new ConcurrentHashMap<>();

    private RateLimit queueLimit(String queueName) {
        return queueLimits.computeIfAbsent(queueName, name -> new RateLimit(QUEUE_MESSAGES_PER_SECOND));
    }

    /** The kind's mean times a skewed factor (0.57..2.3, mean 1); 1 % of calls take 5.7 times the mean. */
    private static long latencyNanos(String kind) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        double factor = random.nextDouble() < 0.01 ? 10 : 1 + 3 * random.nextDouble() * random.nextDouble();
        return (long) (MEAN_MICROS.get(kind) * 1_000 * factor / 1.75);
    }

    /** 503 Server Busy, as the model answers above a scalability target once the retries are spent. */
    static final class ServerBusyException extends RuntimeException {
        ServerBusyException(String message) {
            super(message);
        }
    }

    /** A token bucket refilled continuously at {@code perSecond}, holding at most one second's worth. */
    private static final class RateLimit {
        private final double perSecond;
        private final ReentrantLock lock = new ReentrantLock();
        private double tokens;
        private long refilledAt = System.nanoTime();

        RateLimit(double perSecond) {
            this.perSecond = perSecond;
            this.tokens = perSecond;
        }

        boolean tryAcquire(int count) {
            lock.lock();
            try {
                long now = System.nanoTime();
                tokens = Math.min(perSecond, tokens + (now - refilledAt) / 1e9 * perSecond);
                refilledAt = now;
                if (tokens < count) {
                    return false;
                }
                tokens -= count;
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    /** One queue: messages ordered by when they become visible, each with its current pop receipt. */
    private static final class ModelQueue {
        private final ReentrantLock lock = new ReentrantLock();
        private final Map<String, Message> byId = new HashMap<>();
        private final PriorityQueue<Message> byVisibility = new PriorityQueue<>(
                (a, b) -> Long.compare(a.visibleAtNanos, b.visibleAtNanos));

        SentMessage put(String body, Duration initialVisibility) {
            Message message = new Message(UUID.randomUUID().toString(), body, Instant.now());
            message.visibleAtNanos = System.nanoTime() + initialVisibility.toNanos();
            message.popReceipt = UUID.randomUUID().toString();
            lock.lock();
            try {
                byId.put(message.id, message);
                byVisibility.add(message);
            } finally {
                lock.unlock();
            }
            return new SentMessage(message.id, message.popReceipt);
        }

        List<ReceivedMessage> take(String queueName, int maxMessages, Duration lease) {
            long now = System.nanoTime();
            List<ReceivedMessage> taken = new ArrayList<>(maxMessages);
            lock.lock();
            try {
                while (taken.size() < maxMessages && !byVisibility.isEmpty() && byVisibility.peek().visibleAtNanos <= now) {
                    Message message = byVisibility.poll();
                    message.visibleAtNanos = now + lease.toNanos();
                    message.popReceipt = UUID.randomUUID().toString();
                    message.dequeueCount++;
                    byVisibility.add(message);
                    taken.add(new ReceivedMessage(queueName, message.id, message.popReceipt, message.body,
                            message.dequeueCount, message.insertedAt));
                }
            } finally {
                lock.unlock();
            }
            return taken;
        }

        Void remove(String queueName, String messageId, String popReceipt) {
            lock.lock();
            try {
                Message message = leased(queueName, messageId, popReceipt);
                byId.remove(messageId);
                byVisibility.remove(message);
                return null;
            } finally {
                lock.unlock();
            }
        }

        String hide(String queueName, String messageId, String popReceipt, Duration visibility) {
            lock.lock();
            try {
                Message message = leased(queueName, messageId, popReceipt);
                byVisibility.remove(message);
                message.visibleAtNanos = System.nanoTime() + visibility.toNanos();
                message.popReceipt = UUID.randomUUID().toString();
                byVisibility.add(message);
                return message.popReceipt;
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return byId.size();
            } finally {
                lock.unlock();
            }
        }

        private Message leased(String queueName, String messageId, String popReceipt) {
            Message message = byId.get(messageId);
            if (message == null || !message.popReceipt.equals(popReceipt)) {
                throw new LeaseLostException(queueName, messageId, null);
            }
            return message;
        }
    }

    private static final class Message {
        final String id;
        final String body;
        final Instant insertedAt;
        long visibleAtNanos;
        String popReceipt;
        long dequeueCount;

        Message(String id, String body, Instant insertedAt) {
            this.id = id;
            this.body = body;
            this.insertedAt = insertedAt;
        }
    }
}
