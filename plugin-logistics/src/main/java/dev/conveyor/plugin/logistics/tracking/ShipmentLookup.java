package dev.conveyor.plugin.logistics.tracking;

import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.Subject;
import dev.conveyor.sdk.TrackingLookup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * A customer finds their shipment's tracking page with its tracking number and the delivery postcode (compared
 * without case or spaces, so {@code sw1a 1aa} matches {@code SW1A 1AA}).
 */
public final class ShipmentLookup {

    public static final TrackingLookup LOOKUP = new TrackingLookup("Tracking number", "Delivery postcode",
            ShipmentLookup::find);

    private ShipmentLookup() {
    }

    static Optional<Subject> find(String reference, String postcode, RequestContext context) {
        if (reference == null || postcode == null || AcmeTracking.ISSUER.problem(reference.strip()).isPresent()) {
            return Optional.empty();
        }
        String trackingNumber = AcmeTracking.ISSUER.parse(reference.strip()).value();
        return context.repository(Shipments.class).findByTrackingNumber(trackingNumber)
                .filter(shipment -> context.repository(Orders.class).findByOrderId(shipment.orderId())
                        .filter(order -> sameCode(order.postalCode(), postcode)).isPresent())
                .map(shipment -> ShipmentEvents.subject(trackingNumber));
    }

    /** Equal ignoring case and spaces, in constant time (the comparison tells nothing of how close a guess came). */
    static boolean sameCode(String expected, String given) {
        return expected != null && MessageDigest.isEqual(normal(expected), normal(given));
    }

    private static byte[] normal(String code) {
        return code.replaceAll("\\s+", "").toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
}
