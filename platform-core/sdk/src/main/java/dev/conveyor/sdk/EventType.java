package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * A kind of event a plugin publishes about its subjects ({@link HandlerContext#publish}), such as
 * {@code shipment.out-for-delivery}: its name, what it means, and the record that carries its data. Declare each as a
 * constant and list them in {@link DomainPlugin#eventTypes()}: that list is the catalogue tenants subscribe their
 * webhook endpoints to, and the API documents each type's data schema from the record.
 *
 * <p>Events are shown to whoever follows the subject: the tenant's dashboards and webhooks, and the customer holding
 * the subject's tracking link. Put no personal data in them (no names, addresses, e-mail addresses or phone numbers;
 * a city is fine).
 *
 * @param name        dotted lower-case words, such as {@code shipment.delivered}
 * @param description one sentence for the catalogue
 * @param dataType    the record an event's data is
 */
public record EventType<T>(String name, String description, Class<T> dataType) {

    public EventType {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(dataType, "dataType is null");
        if (!name.matches("[a-z][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)+") || name.length() > 100) {
            throw new IllegalArgumentException("event type name '" + name
                    + "' must be dotted lower-case words of at most 100 characters, such as 'shipment.delivered'");
        }
    }

    public static <T> EventType<T> of(String name, String description, Class<T> dataType) {
        return new EventType<>(name, description, dataType);
    }
}
