package dev.conveyor.engine.testplugin;

import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import dev.conveyor.engine.queue.SentMessage;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real transport, with one fault on demand: the next delete on a queue is skipped, as if the process had
 * died between its commit and its delete. Everything else goes to the real queue service; what was sent is
 * remembered, so a test can see what went on the wire.
 */
public final class FaultInjectingTransport implements QueueTransport {

    private final QueueTransport real;
    private final Set<String> skipNextDelete = ConcurrentHashMap.newKeySet();
    private final AtomicInteger skippedDeletes = new AtomicInteger();
    private final List<String> sentBodies = new java.util.concurrent.CopyOnWriteArrayList<>();

    public FaultInjectingTransport(QueueTransport real) {
        this.real = real;
    }

    public void skipNextDeleteOn(String queueName) {
        skipNextDelete.add(queueName);
    }

    public int skippedDeletes() {
        return skippedDeletes.get();
    }

    /** The bodies of every message sent so far, in order. */
    public List<String> sentBodies() {
        return List.copyOf(sentBodies);
    }

    @Override
    public void createQueue(String queueName) {
        real.createQueue(queueName);
    }

    @Override
    public void deleteQueue(String queueName) {
        real.deleteQueue(queueName);
    }

    @Override
    public SentMessage send(String queueName, String body, Duration initialVisibility) {
        SentMessage sent = real.send(queueName, body, initialVisibility);
        sentBodies.add(body);
        return sent;
    }

    @Override
    public SentMessage send(String queueName, String body, Duration initialVisibility, Duration timeToLive) {
        SentMessage sent = real.send(queueName, body, initialVisibility, timeToLive);
        sentBodies.add(body);
        return sent;
    }

    @Override
    public List<ReceivedMessage> receive(String queueName, int maxMessages, Duration lease) {
        return real.receive(queueName, maxMessages, lease);
    }

    @Override
    public void delete(String queueName, String messageId, String popReceipt) {
        if (skipNextDelete.remove(queueName)) {
            skippedDeletes.incrementAndGet();
            return;
        }
        real.delete(queueName, messageId, popReceipt);
    }

    @Override
    public String extendLease(String queueName, String messageId, String popReceipt, Duration visibility) {
        return real.extendLease(queueName, messageId, popReceipt, visibility);
    }

    @Override
    public void ping() {
        real.ping();
    }

    @Override
    public long approximateDepth(String queueName) {
        return real.approximateDepth(queueName);
    }
}
