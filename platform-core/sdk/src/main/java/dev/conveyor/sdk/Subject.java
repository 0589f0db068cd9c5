package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

/**
 * What an event is about, such as the shipment {@code 1Z999AA10123456784} or the appointment {@code A-1042}: live
 * streams, tracking links and pages, and delivery records are kept per subject.
 *
 * @param kind lower-case word naming what the key identifies: {@code order}, {@code shipment}, {@code appointment}
 * @param key  the plugin's id of it within the tenant (an order id, a tracking number)
 */
public record Subject(String kind, String key) {

    public Subject {
        requireNonNull(kind, "kind is null");
        requireNonNull(key, "key is null");
        if (!kind.matches("[a-z][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("subject kind '" + kind
                    + "' must be one lower-case word of at most 40 characters, such as 'shipment'");
        }
        if (key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("subject key of kind '" + kind + "' must be 1-200 characters");
        }
    }

    public static Subject of(String kind, String key) {
        return new Subject(kind, key);
    }

    @Override
    public String toString() {
        return kind + "/" + key;
    }
}
