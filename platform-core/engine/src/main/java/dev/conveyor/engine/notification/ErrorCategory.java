package dev.conveyor.engine.notification;

/** Why a provider did not take a message; decides between retrying, failing over and giving up. */
public enum ErrorCategory {
    /** The provider refused the recipient's address (no such mailbox, not a mobile number): the delivery bounces. */
    RECIPIENT_REJECTED("recipient-rejected", false),
    /** The provider asked to slow down (HTTP 429 and the like): retried no sooner than it asked. */
    RATE_LIMITED("rate-limited", true),
    /** The provider failed or was unreachable (5xx, timeout, connection): retried, the failover provider tried. */
    PROVIDER_UNAVAILABLE("provider-unavailable", true),
    /** The provider refused the platform's request (credentials, sender, a 4xx): retried, failover tried. */
    PROVIDER_REJECTED("provider-rejected", true),
    /** No provider is configured for the channel. */
    NOT_CONFIGURED("not-configured", false),
    /** The tenant's template for the kind could not be rendered. */
    TEMPLATE("template", false);

    private final String code;
    private final boolean retried;

    ErrorCategory(String code, boolean retried) {
        this.code = code;
        this.retried = retried;
    }

    /** As stored and shown: {@code provider-unavailable}. */
    public String code() {
        return code;
    }

    /** Whether another attempt may succeed. */
    public boolean retried() {
        return retried;
    }
}
