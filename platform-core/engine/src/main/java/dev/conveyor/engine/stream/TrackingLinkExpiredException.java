package dev.conveyor.engine.stream;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.ErrorCode;

/** A tracking link signed by us whose time is up: the page says so (403) rather than that it does not exist. */
public final class TrackingLinkExpiredException extends EngineException {

    public TrackingLinkExpiredException(String message) {
        super(ErrorCode.NOT_FOUND, message);
    }
}
