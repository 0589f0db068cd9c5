package dev.conveyor.sdk;

/**
 * Handles one message of a stage. Runs inside one database transaction together with the inbox entry that
 * makes redeliveries no-ops and the outbox rows of what it emits, so its writes and emits happen exactly once.
 * Under load the platform commits several messages of the stage in one transaction; a handler that throws rolls back
 * only its own message's work, so it can be written as if the transaction were its own.
 * Throw {@link PermanentFailure} for input that no retry can fix; any other exception is retried with backoff.
 */
@FunctionalInterface
public interface Handler<T> {

    void handle(T message, HandlerContext context) throws Exception;
}
