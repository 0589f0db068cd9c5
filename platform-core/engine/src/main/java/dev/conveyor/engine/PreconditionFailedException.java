package dev.conveyor.engine;

/** An update named a version (If-Match) that is no longer current: someone else changed the resource first. */
public final class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
