package dev.conveyor.server.api;

import java.io.IOException;

/**
 * A request body crossed {@code conveyor.max-request-bytes} while it was being read; the API answers 413. An
 * {@link IOException}, because it is thrown from the body's input stream, where readers expect one.
 */
public final class RequestTooLargeException extends IOException {

    private final long maxBytes;

    RequestTooLargeException(long maxBytes) {
        super("the request body is over the limit of " + maxBytes + " bytes; send less per request");
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }
}
