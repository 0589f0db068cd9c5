package dev.conveyor.engine.queue;

/** The queue does not exist (never provisioned, or its storage was reset, as a restarted emulator's is). */
public final class QueueMissingException extends RuntimeException {

    public QueueMissingException(String queueName, Throwable cause) {
        super("queue " + queueName + " does not exist", cause);
    }
}
