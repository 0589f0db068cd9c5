package dev.conveyor.engine.claim;

/** The blob a message refers to does not exist (deleted after processing, swept, or never written). */
public final class ClaimMissingException extends RuntimeException {

    public ClaimMissingException(ClaimReference reference, Throwable cause) {
        super("the payload at " + reference + " does not exist", cause);
    }
}
