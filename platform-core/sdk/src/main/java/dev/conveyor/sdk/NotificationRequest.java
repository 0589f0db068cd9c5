package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * A notification a handler asks the platform to send ({@link HandlerContext#notify}): which {@code kind} of news it
 * is, for whom, about which subject, and the data its templates show. The platform picks the channels (e-mail, SMS)
 * from the tenant's notification settings and the recipient's preferences, renders the tenant's template for the kind
 * (or the default), and delivers each channel once after the handler's transaction commits.
 *
 * @param kind      dotted lower-case words naming the news, such as {@code order.shipped} or
 *                  {@code appointment.reminder}: tenants write a template per kind, recipients opt out per kind
 * @param recipient whom it is for
 * @param subject   what it is about (an order, a shipment, an appointment): deliveries are listed per subject
 * @param data      what the templates show: a record or a map, written as JSON (templates read its fields as
 *                  {@code data.field})
 * @param critical  true for news that must arrive now whatever the hour (a same-day appointment change): it goes
 *                  through the recipient's quiet hours; everything else waits for them to end
 */
public record NotificationRequest(String kind, Contact recipient, Subject subject, Object data, boolean critical) {

    public NotificationRequest {
        requireNonNull(kind, "kind is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(subject, "subject is null");
        requireNonNull(data, "data is null");
        if (!kind.matches("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+") || kind.length() > 100) {
            throw new IllegalArgumentException("notification kind '" + kind
                    + "' must be dotted lower-case words of at most 100 characters, such as 'order.shipped'");
        }
    }

    /** A notification that waits for the end of the recipient's quiet hours. */
    public static NotificationRequest of(String kind, Contact recipient, Subject subject, Object data) {
        return new NotificationRequest(kind, recipient, subject, data, false);
    }

    /** This notification, sent at once even during the recipient's quiet hours. */
    public NotificationRequest asCritical() {
        return new NotificationRequest(kind, recipient, subject, data, true);
    }
}
