package dev.conveyor.engine;

/** A tenant, resource or record that does not exist; the message says which and what does. */
public final class NotFoundException extends EngineException {

    public NotFoundException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }
}
