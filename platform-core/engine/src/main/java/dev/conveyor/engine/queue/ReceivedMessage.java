package dev.conveyor.engine.queue;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A message as received, leased until its visibility timeout; {@code popReceipt} is the receipt of that lease. */
public record ReceivedMessage(
        String queueName, String messageId, String popReceipt, String body, long dequeueCount, Instant insertedAt) {

    public ReceivedMessage {
        requireNonNull(queueName, "queueName is null");
        requireNonNull(messageId, "messageId is null");
        requireNonNull(popReceipt, "popReceipt is null");
        requireNonNull(body, "body is null");
    }
}
