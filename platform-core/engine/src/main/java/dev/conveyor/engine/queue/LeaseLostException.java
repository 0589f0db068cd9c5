package dev.conveyor.engine.queue;

/**
 * The lease on a message is gone: it was deleted, or its visibility ran out and another consumer received it
 * (Azure answers 404 MessageNotFound, Azurite 400 PopReceiptMismatch). Not an error: the inbox makes the
 * redelivery a no-op.
 */
public final class LeaseLostException extends RuntimeException {

    public LeaseLostException(String queueName, String messageId, Throwable cause) {
        super("lease on message " + messageId + " of queue " + queueName + " was lost", cause);
    }
}
