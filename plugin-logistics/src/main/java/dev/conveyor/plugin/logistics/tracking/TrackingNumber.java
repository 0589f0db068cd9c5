package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import dev.conveyor.shipping.S10;

/**
 * A UPU S10 tracking number such as {@code CV100000003US}: two letters, an 8-digit serial, a check digit, and
 * the ISO country code of the issuing post. Acme issues {@code CV…US}; any valid S10 number parses, so that a
 * partner's number is answered with "not found" instead of "malformed".
 */
public record TrackingNumber(String value) {

    public static final String ACME_PREFIX = "CV";
    public static final String ACME_COUNTRY = "US";
    public static final long MAX_SERIAL = S10.MAX_SERIAL;

    private static final String EXAMPLE = ACME_PREFIX + "100000003" + ACME_COUNTRY;
    private static final String TRACKING_PAGE = "https://track.acme-logistics.example/t/";

    public TrackingNumber {
        requireNonNull(value, "value is null");
        S10.problem(value, value, EXAMPLE).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
    }

    /** Acme's tracking number for {@code serial}, 0 to {@value #MAX_SERIAL}. */
    public static TrackingNumber generate(long serial) {
        return new TrackingNumber(S10.format(ACME_PREFIX, serial, ACME_COUNTRY, "logistics_tracking_serial"));
    }

    /**
     * Reads a tracking number as a person types it: surrounding blanks and lower case are forgiven.
     *
     * @throws IllegalArgumentException naming the number and what is wrong with it
     */
    public static TrackingNumber parse(String text) {
        String candidate = S10.normalize(text);
        S10.problem(candidate, text, EXAMPLE).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return new TrackingNumber(candidate);
    }

    /** The S10 check digit of an 8-digit serial. */
    public static int checkDigit(String serialDigits) {
        return S10.checkDigit(serialDigits);
    }

    public long serial() {
        return S10.serial(value);
    }

    /** The page where the customer follows the parcel. */
    public String trackingUrl() {
        return TRACKING_PAGE + value;
    }

    @Override
    public String toString() {
        return value;
    }
}
