package dev.conveyor.engine.delivery;

import dev.conveyor.engine.queue.LeaseLostException;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
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
    private static final Duration RENEWAL_RETRY = Duration.ofSeconds(1);

    private final QueueTransport transport;
    private final ReceivedMessage message;
    private final Duration duration;
    private final ScheduledFuture<?> renewal;
    private final ScheduledExecutorService scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ended = lock.newCondition();
    private String popReceipt;
    private boolean finished;
    private boolean released;
    private Instant visibleAgainAt;
    private final Runnable onLost;

    /** @param onLost told when a renewal finds the lease lost (for the lost-lease meter) */
    Lease(QueueTransport transport, ReceivedMessage message, Duration duration, ScheduledExecutorService scheduler,
            Runnable onLost) {
        this.onLost = onLost;
        this.transport = transport;
        this.message = message;
        this.duration = duration;
        this.scheduler = scheduler;
        this.popReceipt = message.popReceipt();
        long halfLife = Math.max(duration.toMillis() / 2, 500);
        this.renewal = scheduler.scheduleWithFixedDelay(this::renew, halfLife, halfLife, TimeUnit.MILLISECONDS);
    }

    private void renew() {
        renew(true);
    }

    private void renew(boolean retryOnFailure) {
        lock.lock();
        try {
            if (finished) {
                return;
            }
            popReceipt = transport.extendLease(message.queueName(), message.messageId(), popReceipt, duration);
        } catch (LeaseLostException e) {
            log.info("the lease on message {} of {} was lost; the inbox dedupes its redelivery", message.messageId(),
                    message.queueName());
            onLost.run();
            finish();
        } catch (RuntimeException e) {
            if (retryOnFailure && !scheduler.isShutdown()) {
                // One blip of the queue service should not cost the lease: a quarter of it is still left.
                log.info("could not renew the lease on message {} of {}, trying once more: {}", message.messageId(),
                        message.queueName(), e.toString());
                scheduler.schedule(() -> renew(false), RENEWAL_RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                log.info("could not renew the lease on message {} of {}; it is redelivered when it runs out, and the"
                        + " inbox dedupes it: {}", message.messageId(), message.queueName(), e.toString());
                onLost.run();
                finish();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether the lease is still held: not lost, released or finished. */
    boolean held() {
        lock.lock();
        try {
            return !finished;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for the lease to end (lost, released, finished). */
    void awaitEnd(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long remaining = timeout.toNanos();
            while (!finished && remaining > 0) {
                remaining = ended.awaitNanos(remaining);
            }
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
            if (!delay.isZero()) {
                visibleAgainAt = Instant.now().plus(delay);
            }
        } finally {
            lock.unlock();
        }
    }

    /** When the message, released for a retry, shows again on its queue (its consumer polls then). */
    Optional<Instant> releasedUntil() {
        lock.lock();
        try {
            return Optional.ofNullable(visibleAgainAt);
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
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
