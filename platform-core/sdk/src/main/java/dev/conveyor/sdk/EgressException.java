package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * An {@link EgressHttp} call that got no answer. Its message is its {@link Category}'s text only, never the
 * underlying error, so that showing it to a tenant tells nothing about the platform's network.
 */
public final class EgressException extends Exception {

    /** Why a call got no answer. */
    public enum Category {
        /** The address is one the platform does not call (inside its network), or the URL is not an http(s) one. */
        REFUSED("refused by egress policy"),
        /** No complete answer within the deadline. */
        TIMED_OUT("timed out"),
        /** The host did not resolve, or the connection or TLS handshake failed or broke. */
        CONNECTION_FAILED("connection failed"),
        /** The answer's body was larger than the platform reads. */
        RESPONSE_TOO_LARGE("response too large");

        private final String text;

        Category(String text) {
            this.text = text;
        }

        /** The category as a tenant may see it, such as {@code timed out}. */
        public String text() {
            return text;
        }
    }

    private final Category category;

    public EgressException(Category category) {
        super(requireNonNull(category, "category is null").text(), null, false, false);
        this.category = category;
    }

    public Category category() {
        return category;
    }
}
