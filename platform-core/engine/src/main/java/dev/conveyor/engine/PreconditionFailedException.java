package dev.conveyor.engine;

/** An update named a version (If-Match) that is no longer current: someone else changed the resource first. */
public final class PreconditionFailedException extends EngineException {

    public PreconditionFailedException(String message) {
        super(ErrorCode.PRECONDITION_FAILED, message);
    }
}
