package dev.conveyor.engine.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The operations the engine needs from a queue service. Every call is a billed storage transaction on Azure. */
public interface QueueTransport {

    /** Creates the queue if it does not exist. */
    void createQueue(String queueName);

    /**
     * Creates each queue that does not exist, all at once (a tenant's queues cost one round trip, not one each: with
     * thousands of tenants that is what provisioning and a worker's start take); the first failure is thrown after
     * every call has ended.
     */
    default void createQueues(Collection<String> queueNames) {
        List<Future<?>> calls = new ArrayList<>(queueNames.size());
        try (ExecutorService calling = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String queueName : queueNames) {
                calls.add(calling.submit(() -> createQueue(queueName)));
            }
        }
        for (Future<?> call : calls) {
            try {
                call.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating queues", e);
            }
        }
    }

    /** Deletes the queue and its messages if it exists. */
    void deleteQueue(String queueName);

    /** Sends a message that becomes visible after {@code initialVisibility} (0 to 7 days). */
    SentMessage send(String queueName, String body, Duration initialVisibility);

    /**
     * Sends a message that the queue service deletes {@code timeToLive} after sending (copies kept for inspection,
     * such as poison messages, expire with the platform's retention). A transport without expiry keeps it.
     */
    default SentMessage send(String queueName, String body, Duration initialVisibility, Duration timeToLive) {
        return send(queueName, body, initialVisibility);
    }

    /**
     * Receives up to {@code maxMessages} (1..32) messages, leasing each for {@code lease}; throws
     * {@link QueueMissingException} when the queue does not exist.
     */
    List<ReceivedMessage> receive(String queueName, int maxMessages, Duration lease);

    /** Deletes a received message; throws {@link LeaseLostException} when the receipt is no longer valid. */
    void delete(String queueName, String messageId, String popReceipt);

    /**
     * Sets when the message becomes visible again and returns the new pop receipt; throws
     * {@link LeaseLostException} when the receipt is no longer valid.
     */
    String extendLease(String queueName, String messageId, String popReceipt, Duration visibility);

    /** Checks that the queue service answers (a cheap call); throws when it does not. */
    void ping();

    /** Approximate number of messages, leased ones included: an upper bound. */
    long approximateDepth(String queueName);

    /**
     * When the first visible message was put on the queue (a peek: leased messages are not seen), empty when none is
     * visible or the service cannot tell.
     */
    default Optional<Instant> oldestVisibleMessageTime(String queueName) {
        return Optional.empty();
    }
}
