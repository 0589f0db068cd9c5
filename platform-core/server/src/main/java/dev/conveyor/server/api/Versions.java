package dev.conveyor.server.api;

import dev.conveyor.engine.PreconditionFailedException;

/** ETags of versioned resources ({@code "7"}) and the If-Match header every update of them must carry. */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an If-Match header names.
     *
     * @throws PreconditionRequiredException when the header is missing
     * @throws PreconditionFailedException   when it is not an ETag this API issued
     */
    public static long ifMatch(String header, String resource) {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequiredException("updating " + resource + " needs an If-Match header with the ETag"
                    + " from your last GET, so that you do not overwrite someone else's change");
        }
        String value = header.strip();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new PreconditionFailedException("If-Match '" + header + "' is not an ETag of " + resource
                    + "; GET it again and send its ETag");
        }
    }

    /** An update without If-Match: answered 428. */
    public static final class PreconditionRequiredException extends RuntimeException {
        PreconditionRequiredException(String message) {
            super(message);
        }
    }
}
