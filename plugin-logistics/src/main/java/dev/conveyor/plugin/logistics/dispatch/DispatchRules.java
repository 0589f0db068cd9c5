package dev.conveyor.plugin.logistics.dispatch;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.order.OrderItem;
import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.shipping.BusinessDays;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Acme Logistics' dispatch rules: where it delivers, what it carries, which hub handles an address, and how
 * many business days delivery takes. Pure functions of their arguments, so they are tested without a database.
 * Business days skip Saturdays and Sundays only; public holidays are not modelled yet.
 */
public final class DispatchRules {

    /** Destination countries, in the order rejection messages list them. */
    public static final List<String> SERVED_COUNTRIES = List.of(
            "US", "CA", "MX", "GB", "IE", "DE", "FR", "NL", "BE", "ES", "IT", "AT", "CH", "DK", "SE", "NO", "PL");
    public static final BigDecimal MAX_TOTAL_WEIGHT_KG = new BigDecimal("150");
    public static final BigDecimal MAX_PARCEL_WEIGHT_KG = new BigDecimal("30");
    /** Added to the transit time of every destination outside the US: customs and the line haul. */
    public static final int INTERNATIONAL_EXTRA_DAYS = 3;

    private static final String HOME_COUNTRY = "US";
    private static final Set<String> UK_AND_IRELAND = Set.of("GB", "IE");
    private static final Set<String> CONTINENTAL_EUROPE = Set.of("DE", "FR", "NL", "BE", "ES", "IT", "AT", "CH", "DK", "SE", "NO", "PL");
    private static final Pattern US_ZIP_CODE = Pattern.compile("[0-9]{5}(-[0-9]{4})?");

    private DispatchRules() {
    }

    /** Decides an order that keeps the structural rules of {@link OrderRequest}. */
    public static DispatchDecision decide(OrderRequest order, LocalDate today) {
        requireNonNull(order, "order is null");
        requireNonNull(today, "today is null");
        String country = order.shipping().address().country();
        String postalCode = order.shipping().address().postalCode();
        ServiceLevel serviceLevel = order.shipping().serviceLevel();
        BigDecimal totalWeightKg = totalWeightKg(order.items());
        List<String> reasons = rejectionReasons(country, postalCode, serviceLevel, totalWeightKg);
        if (!reasons.isEmpty()) {
            return new DispatchDecision.Rejected(String.join("; ", reasons));
        }
        LocalDate pickupDate = nextBusinessDay(today);
        LocalDate estimatedDelivery = addBusinessDays(pickupDate, transitBusinessDays(serviceLevel, country));
        return new DispatchDecision.Planned(hubFor(country, postalCode), pickupDate, estimatedDelivery, totalWeightKg,
                parcelCount(totalWeightKg));
    }

    /** Every business rule the order breaks, each as a sentence that says what would be accepted; empty if none. */
    public static List<String> rejectionReasons(String country, String postalCode, ServiceLevel serviceLevel, BigDecimal totalWeightKg) {
        requireNonNull(country, "country is null");
        requireNonNull(postalCode, "postalCode is null");
        requireNonNull(serviceLevel, "serviceLevel is null");
        requireNonNull(totalWeightKg, "totalWeightKg is null");
        List<String> reasons = new ArrayList<>();
        if (!SERVED_COUNTRIES.contains(country)) {
            reasons.add("Acme Logistics does not deliver to " + country + " (served: " + String.join(", ", SERVED_COUNTRIES) + ")");
        } else if (HOME_COUNTRY.equals(country) && !US_ZIP_CODE.matcher(postalCode).matches()) {
            reasons.add("the US postal code is not a ZIP code: give 5 digits such as 10001, or ZIP+4 such as 10001-1234");
        }
        if (totalWeightKg.compareTo(MAX_TOTAL_WEIGHT_KG) > 0) {
            reasons.add("total weight " + totalWeightKg.stripTrailingZeros().toPlainString() + " kg is over the "
                    + MAX_TOTAL_WEIGHT_KG.toPlainString() + " kg limit per order; split it into several orders");
        }
        if (serviceLevel == ServiceLevel.OVERNIGHT && !HOME_COUNTRY.equals(country)) {
            reasons.add("OVERNIGHT delivery is only available within the US, not to " + country + "; choose EXPRESS or STANDARD");
        }
        return List.copyOf(reasons);
    }

    /** The hub that serves an address: by country, and within the US by the first digit of the ZIP code. */
    public static Hub hubFor(String country, String postalCode) {
        requireNonNull(country, "country is null");
        requireNonNull(postalCode, "postalCode is null");
        if (HOME_COUNTRY.equals(country)) {
            if (!US_ZIP_CODE.matcher(postalCode).matches()) {
                throw new IllegalArgumentException("a US address needs a ZIP code to choose its hub, such as 10001");
            }
            int zipRegion = postalCode.charAt(0) - '0';
            if (zipRegion <= 3) {
                return Hub.US_EAST;
            }
            return zipRegion <= 6 ? Hub.US_CENTRAL : Hub.US_WEST;
        }
        if ("CA".equals(country)) {
            return Hub.CA_TORONTO;
        }
        if ("MX".equals(country)) {
            return Hub.MX_MONTERREY;
        }
        if (UK_AND_IRELAND.contains(country)) {
            return Hub.UK_MIDLANDS;
        }
        if (CONTINENTAL_EUROPE.contains(country)) {
            return Hub.EU_ROTTERDAM;
        }
        throw new IllegalArgumentException("Acme Logistics has no hub for " + country + " (served: " + String.join(", ", SERVED_COUNTRIES) + ")");
    }

    public static int transitBusinessDays(ServiceLevel serviceLevel, String country) {
        requireNonNull(serviceLevel, "serviceLevel is null");
        requireNonNull(country, "country is null");
        int domestic = switch (serviceLevel) {
            case STANDARD -> 5;
            case EXPRESS -> 2;
            case OVERNIGHT -> 1;
        };
        return HOME_COUNTRY.equals(country) ? domestic : domestic + INTERNATIONAL_EXTRA_DAYS;
    }

    /** The first business day after {@code day}: an order received on Friday, Saturday or Sunday is picked up on Monday. */
    public static LocalDate nextBusinessDay(LocalDate day) {
        return addBusinessDays(day, 1);
    }

    public static LocalDate addBusinessDays(LocalDate day, int businessDays) {
        return BusinessDays.add(day, businessDays);
    }

    /** The weight of all units of all items. */
    public static BigDecimal totalWeightKg(List<OrderItem> items) {
        requireNonNull(items, "items is null");
        BigDecimal total = BigDecimal.ZERO;
        for (OrderItem item : items) {
            total = total.add(item.weightKg().multiply(BigDecimal.valueOf(item.quantity())));
        }
        return total;
    }

    /** How many parcels of at most {@link #MAX_PARCEL_WEIGHT_KG} the order needs; at least one. */
    public static int parcelCount(BigDecimal totalWeightKg) {
        requireNonNull(totalWeightKg, "totalWeightKg is null");
        int parcels = totalWeightKg.divide(MAX_PARCEL_WEIGHT_KG, 0, RoundingMode.CEILING).intValueExact();
        return Math.max(1, parcels);
    }
}
