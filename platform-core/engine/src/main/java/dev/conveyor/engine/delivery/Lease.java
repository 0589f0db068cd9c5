package dev.conveyor.engine.delivery;

import dev.conveyor.engine.queue.LeaseLostException;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lease on one received message. Renewed at half-life while its handler runs; every renewal yields a new
 * pop receipt, and the delete or release always uses the latest one. Renewal and the final operation are
 * serialized so that neither uses a receipt the other has just replaced (with a lock rather than
 * {@code synchronized}, which pins a virtual thread to its carrier during the HTTP call on Java 21).
 */
public final class Lease {

    private static final Logger log = LoggerFactory.getLogger(Lease.class);

    private final QueueTransport transport;
    private final ReceivedMessage message;
    private final Duration duration;
    private final ScheduledFuture<?> renewal;
    private final ReentrantLock lock = new ReentrantLock();
    private String popReceipt;
    private boolean finished;
    private boolean released;

    Lease(QueueTransport transport, ReceivedMessage message, Duration duration, ScheduledExecutorService scheduler) {
        this.transport = transport;
        this.message = message;
        this.duration = duration;
        this.popReceipt = message.popReceipt();
        long halfLife = Math.max(duration.toMillis() / 2, 500);
        this.renewal = scheduler.scheduleWithFixedDelay(this::renew, halfLife, halfLife, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            popReceipt = transport.extendLease(message.queueName(), message.messageId(), popReceipt, duration);
        } catch (RuntimeException e) {
            // Lost (or the service is unreachable): stop renewing; the inbox dedupes a redelivery.
            log.info("could not renew the lease on message {} of {}: {}", message.messageId(), message.queueName(),
                    e.toString());
            finish();
        } finally {
            lock.unlock();
        }
    }

    String messageId() {
        return message.messageId();
    }

    /** Deletes the message with the latest receipt. */
    void delete() {
        lock.lock();
        try {
            if (released) {
                throw new LeaseLostException(message.queueName(), message.messageId(), null);
            }
            finish();
            transport.delete(message.queueName(), message.messageId(), popReceipt);
        } finally {
            lock.unlock();
        }
    }

    /** Makes the message visible again after {@code delay}. */
    void release(Duration delay) {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            finish();
            released = true;
            transport.extendLease(message.queueName(), message.messageId(), popReceipt, delay);
        } finally {
            lock.unlock();
        }
    }

    /** Stops renewing and leaves the message to reappear when the lease runs out. */
    void finish() {
        lock.lock();
        try {
            finished = true;
            renewal.cancel(false);
        } finally {
            lock.unlock();
        }
    }
}
