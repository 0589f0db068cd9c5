package dev.conveyor.plugin.ecommerce.notification;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The short texts a customer reads about an order and its parcels. English only until tenants can choose a language. */
public final class CustomerMessages {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

    private CustomerMessages() {
    }

    public static String confirmed(String orderId, LocalDate estimatedDelivery) {
        requireNonNull(orderId, "orderId is null");
        return "Thank you for your order " + orderId + ". It is confirmed"
                + (estimatedDelivery == null ? "." : " and should arrive by " + DATE.format(estimatedDelivery) + ".");
    }

    public static String backordered(String orderId, String reason) {
        requireNonNull(orderId, "orderId is null");
        return "Your order " + orderId + " is waiting for stock (" + requireNonNull(reason, "reason is null")
                + "). We will ship it as soon as it is in; you need not order again.";
    }

    public static String rejected(String orderId, String reason) {
        requireNonNull(orderId, "orderId is null");
        return "We are sorry: we could not accept your order " + orderId + " (" + requireNonNull(reason, "reason is null")
                + ").";
    }

    public static String shipped(String orderId, String carrier, String trackingNumber, String trackingUrl, LocalDate estimatedDelivery) {
        requireNonNull(orderId, "orderId is null");
        requireNonNull(carrier, "carrier is null");
        requireNonNull(trackingNumber, "trackingNumber is null");
        requireNonNull(trackingUrl, "trackingUrl is null");
        return "Your order " + orderId + " has shipped with " + carrier + " as parcel " + trackingNumber + "."
                + (estimatedDelivery == null ? "" : " Estimated delivery: " + DATE.format(estimatedDelivery) + ".")
                + " Track it at " + trackingUrl;
    }

    public static String inTransit(String orderId, String trackingNumber, String trackingUrl, LocalDate estimatedDelivery) {
        return "Your parcel " + requireNonNull(trackingNumber, "trackingNumber is null") + " of order "
                + requireNonNull(orderId, "orderId is null") + " is on its way."
                + (estimatedDelivery == null ? "" : " Estimated delivery: " + DATE.format(estimatedDelivery) + ".")
                + " Track it at " + requireNonNull(trackingUrl, "trackingUrl is null");
    }

    public static String outForDelivery(String orderId, String trackingNumber, String trackingUrl) {
        return "Your parcel " + requireNonNull(trackingNumber, "trackingNumber is null") + " of order "
                + requireNonNull(orderId, "orderId is null") + " is out for delivery today. Track it at "
                + requireNonNull(trackingUrl, "trackingUrl is null");
    }

    public static String delivered(String orderId, String trackingNumber, LocalDate deliveredOn) {
        return "Your parcel " + requireNonNull(trackingNumber, "trackingNumber is null") + " of order "
                + requireNonNull(orderId, "orderId is null") + " was delivered on "
                + DATE.format(requireNonNull(deliveredOn, "deliveredOn is null")) + ".";
    }

    public static String exception(String orderId, String trackingNumber, String carrier, String trackingUrl) {
        return "There is a problem with the delivery of your parcel " + requireNonNull(trackingNumber, "trackingNumber is null")
                + " of order " + requireNonNull(orderId, "orderId is null") + "; " + requireNonNull(carrier, "carrier is null")
                + " is working on it. Track it at " + requireNonNull(trackingUrl, "trackingUrl is null");
    }
}
