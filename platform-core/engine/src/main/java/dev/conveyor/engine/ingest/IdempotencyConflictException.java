package dev.conveyor.engine.ingest;

/** An Idempotency-Key was reused with a different request body. */
public final class IdempotencyConflictException extends dev.conveyor.engine.EngineException {

    public IdempotencyConflictException(String key) {
        super(dev.conveyor.engine.ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + key + "' was already used with a different request body; use a new key for a new request");
    }
}
