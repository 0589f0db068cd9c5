package dev.conveyor.testkit.runtime;

import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterSummary;
import java.time.Instant;

/**
 * A message that failed for good, as an operator sees it: the stage, its message id and type, why (for a message
 * breaking its type's rules, each path such as {@code items[0].quantity}), how often it was delivered, and its body.
 *
 * @param status {@code DEAD}, {@code REPLAYED} or {@code DISCARDED}
 */
public record DeadLetter(long id, String stage, String messageId, String messageType, String reason, long dequeueCount,
        String status, Instant lastFailedAt, String body) {

    static DeadLetter of(DeadLetterSummary summary, String body) {
        return new DeadLetter(summary.id(), summary.stage(), summary.messageId(), summary.messageType(), summary.reason(),
                summary.dequeueCount(), summary.status(), summary.lastFailedAt(), body);
    }
}
