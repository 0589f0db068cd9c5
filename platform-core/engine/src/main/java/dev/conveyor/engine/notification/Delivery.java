package dev.conveyor.engine.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * One channel's delivery of a notification, as the tenant reads it (no address, no body: those are personal data).
 *
 * @param note              why it waits (quiet hours) or was not sent (opted out, no address); or null
 * @param provider          the provider that took it (the failover's name when the first one failed), or null
 * @param lastErrorCategory such as {@code provider-unavailable}; null when the last attempt succeeded or none was made
 */
public record Delivery(UUID id, UUID notificationId, String kind, String recipientId, String subjectKind, String subjectKey,
        boolean critical, Channel channel, DeliveryStatus status, int attempts, Instant nextAttemptAt, String note,
        String provider, String providerMessageId, String lastErrorCategory, String lastError, Instant createdAt,
        Instant updatedAt, Instant deliveredAt) {
}
