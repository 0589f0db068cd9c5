package dev.conveyor.plugin.logistics.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The short text a customer reads about a shipment status. English only until tenants can choose a language. */
public final class CustomerMessages {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private CustomerMessages() {
    }

    /**
     * For example "Your order ORD-1 has shipped with Acme Logistics (EXPRESS). Estimated delivery: Tue 1 Dec 2026. Track
     * it at …".
     *
     * @param occurredOn the day the status was reached (the day of delivery); may be {@code null}
     * @param detail     what the carrier said, such as the reason of an exception or who signed; may be {@code null}
     */
    public static String compose(String orderId, ServiceLevel serviceLevel, ShipmentStatus status, LocalDate occurredOn,
            String detail, LocalDate estimatedDelivery, String trackingUrl) {
        requireNonNull(orderId, "orderId is null");
        requireNonNull(status, "status is null");
        requireNonNull(trackingUrl, "trackingUrl is null");
        String said = detail == null ? "" : tidy(detail);
        String headline = switch (status) {
            case LABEL_CREATED -> "Your order " + orderId + " has shipped with Acme Logistics"
                    + (serviceLevel == null ? "" : " (" + serviceLevel + ")") + ".";
            case IN_TRANSIT -> "Your order " + orderId + " is on its way with Acme Logistics.";
            case OUT_FOR_DELIVERY -> "Your order " + orderId + " is out for delivery today.";
            case DELIVERED -> "Your order " + orderId + (occurredOn == null ? " has been delivered" : " was delivered on "
                    + DATE.format(occurredOn)) + (said.isEmpty() ? "" : " (" + said + ")") + ".";
            case EXCEPTION -> said.isEmpty()
                    ? "There is a problem with the delivery of your order " + orderId + "; we are working on it."
                    : "There is a problem with the delivery of your order " + orderId + ": " + said + ". We are working on it.";
        };
        boolean deliveryAhead = status != ShipmentStatus.DELIVERED && status != ShipmentStatus.OUT_FOR_DELIVERY;
        String delivery = deliveryAhead && estimatedDelivery != null
                ? " Estimated delivery: " + DATE.format(estimatedDelivery) + "."
                : "";
        return headline + delivery + " Track it at " + trackingUrl;
    }

    /** A carrier's free text on one line, without the full stop the sentence around it adds. */
    private static String tidy(String detail) {
        return detail.strip().replaceAll("\\s+", " ").replaceAll("[.\\s]+$", "");
    }
}
