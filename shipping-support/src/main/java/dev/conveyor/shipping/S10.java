package dev.conveyor.shipping;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * UPU S10 tracking numbers such as {@code CV100000003US}: two letters, an 8-digit serial, a check digit, and the ISO
 * country code of the issuing post. Each plugin's own tracking number type issues its letters and delegates here.
 */
public final class S10 {

    public static final long MAX_SERIAL = 99_999_999L;

    private static final Pattern FORMAT = Pattern.compile("[A-Z]{2}[0-9]{9}[A-Z]{2}");
    private static final int[] WEIGHTS = {8, 6, 4, 2, 3, 5, 9, 7};

    private S10() {
    }

    /**
     * The number for {@code serial} (0 to {@value #MAX_SERIAL}) with {@code prefix} and {@code country}.
     *
     * @param serialSequence the database sequence the serial comes from, named when the serial does not fit
     */
    public static String format(String prefix, long serial, String country, String serialSequence) {
        if (serial < 0 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("serial " + serial + " does not fit the 8 digits of a UPU S10 tracking number (0 to "
                    + MAX_SERIAL + "); the " + serialSequence + " sequence is exhausted or was set out of range");
        }
        String digits = "%08d".formatted(serial);
        return prefix + digits + checkDigit(digits) + country;
    }

    /** A tracking number as a person types it: surrounding blanks and lower case are forgiven. */
    public static String normalize(String text) {
        return requireNonNull(text, "text is null").strip().toUpperCase(Locale.ROOT);
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

    /**
     * What is wrong with {@code candidate} (already normalized) as an S10 number, naming it {@code asGiven}; empty
     * when it is one. Any valid S10 number passes, so that a partner's number is answered with "not found" rather
     * than "malformed".
     *
     * @param example a valid number of the issuer's, shown in the message
     */
    public static Optional<String> problem(String candidate, String asGiven, String example) {
        if (!FORMAT.matcher(candidate).matches()) {
            return Optional.of("tracking number '" + abbreviate(asGiven) + "' is not a UPU S10 number: expected 2 letters, "
                    + "8 digits, a check digit and 2 letters, such as " + example);
        }
        int expected = checkDigit(candidate.substring(2, 10));
        if (candidate.charAt(10) - '0' != expected) {
            return Optional.of("tracking number '" + asGiven + "' has a wrong check digit: expected " + expected);
        }
        return Optional.empty();
    }

    /** The 8-digit serial of a valid number. */
    public static long serial(String number) {
        return Long.parseLong(number.substring(2, 10));
    }

    private static String abbreviate(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "…";
    }
}
