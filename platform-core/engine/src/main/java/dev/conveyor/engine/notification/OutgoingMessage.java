package dev.conveyor.engine.notification;

import static java.util.Objects.requireNonNull;

/**
 * One channel's rendered message, addressed.
 *
 * @param to             the e-mail address or phone number
 * @param toName         the recipient's name, or null
 * @param senderName     the tenant's sender name (shown as the e-mail's From name), or null
 * @param replyTo        where e-mail replies go, or null
 * @param subject        the e-mail's subject; null for SMS
 * @param html           the e-mail's HTML body; null for SMS
 * @param text           the plain text (the SMS, or the e-mail's text part)
 * @param unsubscribeUrl the signed one-click unsubscribe link ({@code List-Unsubscribe}), or null
 * @param idempotencyKey the same on every attempt of this delivery
 */
public record OutgoingMessage(Channel channel, String to, String toName, String senderName, String replyTo, String subject,
        String html, String text, String unsubscribeUrl, String idempotencyKey) {

    public OutgoingMessage {
        requireNonNull(channel, "channel is null");
        requireNonNull(to, "to is null");
        requireNonNull(text, "text is null");
        requireNonNull(idempotencyKey, "idempotencyKey is null");
    }

    /** Without the address and the bodies, which stay out of logs. */
    @Override
    public String toString() {
        return "OutgoingMessage[" + channel + ", " + idempotencyKey + "]";
    }
}
