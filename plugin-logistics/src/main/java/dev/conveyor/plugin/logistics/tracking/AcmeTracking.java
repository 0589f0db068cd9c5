package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import dev.conveyor.shipping.TrackingNumber;

/** Acme's tracking numbers: {@code CV…US}, serials from the {@code logistics_tracking_serial} sequence, followed on its page. */
public final class AcmeTracking {

    public static final TrackingNumber.Issuer ISSUER = new TrackingNumber.Issuer("CV", "US", "logistics_tracking_serial");
    /** The issuer's example number, as a constant for annotations; the same as {@code ISSUER.example()}. */
    public static final String EXAMPLE = "CV100000003US";

    private static final String TRACKING_PAGE = "https://track.acme-logistics.example/t/";

    private AcmeTracking() {
    }

    /** The page where the customer follows the parcel. */
    public static String trackingUrl(TrackingNumber trackingNumber) {
        return TRACKING_PAGE + requireNonNull(trackingNumber, "trackingNumber is null").value();
    }
}
