package dev.conveyor.plugin.ecommerce.tracking;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A UPU S10 tracking number such as {@code EC100000003US}: two letters, an 8-digit serial, a check digit, and the ISO
 * country code of the issuing post. E-Commerce Express issues {@code EC…US}; any valid S10 number parses, so that a
 * partner's number is answered with "not found" instead of "malformed".
 */
public record TrackingNumber(String value) {

    public static final String PREFIX = "EC";
    public static final String COUNTRY = "US";
    public static final long MAX_SERIAL = 99_999_999L;

    private static final Pattern S10 = Pattern.compile("[A-Z]{2}[0-9]{9}[A-Z]{2}");
    private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    public TrackingNumber {
        requireNonNull(value, "value is null");
        problem(value, value).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
    }

    /** E-Commerce Express's tracking number for {@code serial}, 0 to {@value #MAX_SERIAL}. */
    public static TrackingNumber generate(long serial) {
        if (serial < 0 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("serial " + serial + " does not fit the 8 digits of a UPU S10 tracking number (0 to "
                    + MAX_SERIAL + "); the ecommerce_tracking_serial sequence is exhausted or was set out of range");
        }
        String digits = "%08d".formatted(serial);
        return new TrackingNumber(PREFIX + digits + checkDigit(digits) + COUNTRY);
    }

    /**
     * Reads a tracking number as a person types it: surrounding blanks and lower case are forgiven.
     *
     * @throws IllegalArgumentException naming the number and what is wrong with it
     */
    public static TrackingNumber parse(String text) {
        requireNonNull(text, "text is null");
        String candidate = text.strip().toUpperCase(Locale.ROOT);
        problem(candidate, text).ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
        return new TrackingNumber(candidate);
    }

    /** What is wrong with {@code text} as a tracking number, as {@link #parse} would say; empty when it parses. */
    public static Optional<String> problem(String text) {
        requireNonNull(text, "text is null");
        return problem(text.strip().toUpperCase(Locale.ROOT), text);
    }

    /** The S10 check digit of an 8-digit serial: weights 8 6 4 2 3 5 9 7, then 11 minus the sum mod 11 (10 → 0, 11 → 5). */
    public static int checkDigit(String serialDigits) {
        requireNonNull(serialDigits, "serialDigits is null");
        if (!serialDigits.matches("[0-9]{8}")) {
            throw new IllegalArgumentException("serial '" + serialDigits + "' must be exactly 8 digits");
        }
        int sum = 0;
        for (int index = 0; index < WEIGHTS.length; index++) {
            sum += (serialDigits.charAt(index) - '0') * WEIGHTS[index];
        }
        int check = 11 - sum % 11;
        return switch (check) {
            case 10 -> 0;
            case 11 -> 5;
            default -> check;
        };
    }

    public long serial() {
        return Long.parseLong(value.substring(2, 10));
    }

    @Override
    public String toString() {
        return value;
    }

    private static Optional<String> problem(String candidate, String asGiven) {
        if (!S10.matcher(candidate).matches()) {
            return Optional.of("tracking number '" + abbreviate(asGiven) + "' is not a UPU S10 number: expected 2 letters, "
                    + "8 digits, a check digit and 2 letters, such as " + PREFIX + "100000003" + COUNTRY);
        }
        int expected = checkDigit(candidate.substring(2, 10));
        if (candidate.charAt(10) - '0' != expected) {
            return Optional.of("tracking number '" + asGiven + "' has a wrong check digit: expected " + expected);
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
