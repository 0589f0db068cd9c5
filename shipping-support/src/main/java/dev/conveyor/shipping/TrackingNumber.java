package dev.conveyor.shipping;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A UPU S10 tracking number such as {@code RR473124829GB}: two letters, an 8-digit serial, a check digit, and the ISO
 * country code of the issuing post. Any valid S10 number is one, so that a partner's number is answered with "not
 * found" rather than "malformed"; an {@link Issuer} makes its own and reads what people type.
 */
public record TrackingNumber(String value) {

    /** The UPU's own example number. */
    public static final String UPU_EXAMPLE = "RR473124829GB";

    public TrackingNumber {
        requireNonNull(value, "value is null");
        S10.problem(value, value, UPU_EXAMPLE).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** The 8-digit serial. */
    public long serial() {
        return S10.serial(value);
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * Who issues tracking numbers: its two letters, the country of its post, and the database sequence its serials
     * come from (named when a serial does not fit).
     */
    public record Issuer(String prefix, String country, String serialSequence) {

        public Issuer {
            requireNonNull(prefix, "prefix is null");
            requireNonNull(country, "country is null");
            requireNonNull(serialSequence, "serialSequence is null");
            if (!prefix.matches("[A-Z]{2}") || !country.matches("[A-Z]{2}")) {
                throw new IllegalArgumentException("an issuer's prefix and country are two upper-case letters each, such as CV "
                        + "and US; were '" + prefix + "' and '" + country + "'");
            }
        }

        /** The issuer's number for {@code serial}, 0 to {@value S10#MAX_SERIAL}. */
        public TrackingNumber issue(long serial) {
            return new TrackingNumber(S10.format(prefix, serial, country, serialSequence));
        }

        /**
         * Reads a tracking number as a person types it: surrounding blanks and lower case are forgiven.
         *
         * @throws IllegalArgumentException naming the number, what is wrong with it, and an example of this issuer's
         */
        public TrackingNumber parse(String text) {
            problem(text).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            return new TrackingNumber(S10.normalize(text));
        }

        /** What is wrong with {@code text} as a tracking number, as {@link #parse} would say; empty when it parses. */
        public Optional<String> problem(String text) {
            return S10.problem(S10.normalize(text), text, example());
        }

        /** The issuer's first number of the 8-digit serials, such as {@code CV100000003US}, for messages. */
        public String example() {
            return issue(10_000_000).value();
        }
    }
}
