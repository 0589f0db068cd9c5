package dev.conveyor.engine.notification;

/**
 * Something that sends messages of one channel: an SMTP server, an SMS provider's API. A channel may have a second
 * provider, tried when the first fails with a retryable error.
 */
public interface ChannelProvider {

    /** A name for the delivery records and logs, such as {@code smtp-primary}. */
    String name();

    Channel channel();

    /**
     * Sends {@code message}, passing its idempotency key to the provider where it takes one (so a repeat after a crash
     * is one message), and returns the provider's id for it.
     */
    String send(OutgoingMessage message) throws ProviderFailure;
}
