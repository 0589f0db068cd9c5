package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/** What a server answered to an {@link EgressHttp} call: its status and its body (bounded in size by the platform). */
public record EgressResponse(int status, byte[] body) {

    public EgressResponse {
        requireNonNull(body, "body is null");
    }

    /** A 2xx status. */
    public boolean successful() {
        return status >= 200 && status < 300;
    }

    /** The status as a tenant may see it, such as {@code HTTP 503}. */
    public String statusText() {
        return "HTTP " + status;
    }
}
