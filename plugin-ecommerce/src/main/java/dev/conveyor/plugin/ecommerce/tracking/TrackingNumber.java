package dev.conveyor.plugin.ecommerce.tracking;

import static java.util.Objects.requireNonNull;

import dev.conveyor.shipping.S10;
import java.util.Optional;

/**
 * A UPU S10 tracking number such as {@code EC100000003US}: two letters, an 8-digit serial, a check digit, and the ISO
 * country code of the issuing post. E-Commerce Express issues {@code EC…US}; any valid S10 number parses, so that a
 * partner's number is answered with "not found" instead of "malformed".
 */
public record TrackingNumber(String value) {

    public static final String PREFIX = "EC";
    public static final String COUNTRY = "US";
    public static final long MAX_SERIAL = S10.MAX_SERIAL;

    private static final String EXAMPLE = PREFIX + "100000003" + COUNTRY;

    public TrackingNumber {
        requireNonNull(value, "value is null");
        S10.problem(value, value, EXAMPLE).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
    }

    /** E-Commerce Express's tracking number for {@code serial}, 0 to {@value #MAX_SERIAL}. */
    public static TrackingNumber generate(long serial) {
        return new TrackingNumber(S10.format(PREFIX, serial, COUNTRY, "ecommerce_tracking_serial"));
    }

    /**
     * Reads a tracking number as a person types it: surrounding blanks and lower case are forgiven.
     *
     * @throws IllegalArgumentException naming the number and what is wrong with it
     */
    public static TrackingNumber parse(String text) {
        String candidate = S10.normalize(text);
        problem(text).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return new TrackingNumber(candidate);
    }

    /** What is wrong with {@code text} as a tracking number, as {@link #parse} would say; empty when it parses. */
    public static Optional<String> problem(String text) {
        return S10.problem(S10.normalize(text), text, EXAMPLE);
    }

    /** The S10 check digit of an 8-digit serial. */
    public static int checkDigit(String serialDigits) {
        return S10.checkDigit(serialDigits);
    }

    public long serial() {
        return S10.serial(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
