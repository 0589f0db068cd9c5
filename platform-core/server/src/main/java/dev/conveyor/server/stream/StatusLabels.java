package dev.conveyor.server.stream;

import dev.conveyor.engine.stream.StreamEvent;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * What a person reads for an event: the carrier vocabulary people know for shipment statuses (info received, in
 * transit, out for delivery, failed attempt, delivered, exception), otherwise the event's own status or type in words.
 */
final class StatusLabels {

    private static final Map<String, String> CARRIER = Map.of(
            "LABEL_CREATED", "Info received",
            "INFO_RECEIVED", "Info received",
            "IN_TRANSIT", "In transit",
            "OUT_FOR_DELIVERY", "Out for delivery",
            "FAILED_ATTEMPT", "Failed attempt",
            "DELIVERED", "Delivered",
            "EXCEPTION", "Exception");

    private StatusLabels() {
    }

    static String of(StreamEvent event, JsonNode data) {
        JsonNode status = data.get("status");
        if (status != null && status.isString()) {
            String value = status.asString();
            return CARRIER.getOrDefault(value.toUpperCase(Locale.ROOT), words(value));
        }
        String type = event.type();
        return words(type.substring(type.lastIndexOf('.') + 1));
    }

    /** {@code OUT_FOR_DELIVERY}, {@code out-for-delivery} or {@code estimatedDelivery} as "Out for delivery". */
    static String words(String name) {
        String spaced = name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').replace('-', ' ').trim()
                .toLowerCase(Locale.ROOT);
        return spaced.isEmpty() ? spaced : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
}
