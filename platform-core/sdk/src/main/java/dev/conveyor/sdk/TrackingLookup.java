package dev.conveyor.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * How a customer without a link opens their tracking page: with the reference they were given (a tracking number)
 * and a detail only they know (the delivery postcode). The platform serves the form, throttles attempts, and answers
 * a wrong reference and a wrong detail alike, so a lookup never tells whether a reference exists.
 *
 * @param referenceLabel what the form asks for first, such as {@code Tracking number}
 * @param proofLabel     what it asks for second, such as {@code Delivery postcode}
 */
public record TrackingLookup(String referenceLabel, String proofLabel, Finder finder) {

    public TrackingLookup {
        requireNonNull(referenceLabel, "referenceLabel is null");
        requireNonNull(proofLabel, "proofLabel is null");
        requireNonNull(finder, "finder is null");
    }

    @FunctionalInterface
    public interface Finder {
        /**
         * The subject {@code reference} names when {@code proof} matches it, else empty. Runs in a read-only
         * transaction of the tenant; compare the proof leniently (case, spaces) but completely.
         */
        Optional<Subject> find(String reference, String proof, RequestContext context);
    }
}
