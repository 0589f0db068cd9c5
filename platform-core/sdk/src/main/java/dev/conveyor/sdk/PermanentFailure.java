package dev.conveyor.sdk;

/** A failure no retry can fix (invalid data, a broken business rule): the message goes to the dead letters at once. */
public class PermanentFailure extends RuntimeException {

    public PermanentFailure(String reason) {
        super(reason);
    }

    public PermanentFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
