package dev.conveyor.engine.notification;

/** Where one channel's delivery of a notification stands. */
public enum DeliveryStatus {
    /** Waiting for its (next) attempt, possibly deferred by quiet hours (see the delivery's note). */
    QUEUED,
    /** An instance is sending it now (under a lease: a crashed instance's delivery is taken over). */
    SENDING,
    /** The provider accepted it. */
    DELIVERED,
    /** Given up: the retries ran out, or nothing could send it (see the last error). */
    FAILED,
    /** The provider refused the recipient's address: no retry can help. */
    BOUNCED,
    /** Not sent on purpose: the recipient opted out, or gave no address for the channel (see the note). */
    SUPPRESSED
}
