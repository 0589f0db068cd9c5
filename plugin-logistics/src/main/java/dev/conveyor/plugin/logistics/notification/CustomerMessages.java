package dev.conveyor.plugin.logistics.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The short text a customer reads about a shipment status. English only until tenants can choose a language. */
public final class CustomerMessages {

    private static final DateTimeFormatter DELIVERY_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private CustomerMessages() {
    }

    /** For example "Your order ORD-1 has shipped with Acme Logistics (EXPRESS). Estimated delivery: Tue 1 Dec 2026. Track it at …". */
    public static String compose(String orderId, ServiceLevel serviceLevel, ShipmentStatus status, LocalDate estimatedDelivery,
            String trackingUrl) {
        requireNonNull(orderId, "orderId is null");
        requireNonNull(status, "status is null");
        requireNonNull(trackingUrl, "trackingUrl is null");
        String headline = switch (status) {
            case LABEL_CREATED -> "Your order " + orderId + " has shipped with Acme Logistics"
                    + (serviceLevel == null ? "" : " (" + serviceLevel + ")") + ".";
            case IN_TRANSIT -> "Your order " + orderId + " is on its way with Acme Logistics.";
            case OUT_FOR_DELIVERY -> "Your order " + orderId + " is out for delivery today.";
            case DELIVERED -> "Your order " + orderId + " has been delivered.";
            case EXCEPTION -> "There is a problem with the delivery of your order " + orderId + "; we are working on it.";
        };
        boolean deliveryAhead = status != ShipmentStatus.DELIVERED && status != ShipmentStatus.OUT_FOR_DELIVERY;
        String delivery = deliveryAhead && estimatedDelivery != null
                ? " Estimated delivery: " + DELIVERY_DATE.format(estimatedDelivery) + "."
                : "";
        return headline + delivery + " Track it at " + trackingUrl;
    }
}
