package dev.conveyor.engine.envelope;

/** A message no retry can make readable: it goes to the dead letters with this reason. */
public final class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String reason) {
        super(reason);
    }

    public MalformedMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
