package dev.conveyor.engine;

/** The request contradicts the current state (a suspended tenant, messages still in flight, an id taken). */
public final class ConflictException extends EngineException {

    public ConflictException(String message) {
        super(ErrorCode.CONFLICT, message);
    }
}
