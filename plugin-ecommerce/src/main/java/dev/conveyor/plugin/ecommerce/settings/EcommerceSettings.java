package dev.conveyor.plugin.ecommerce.settings;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.ConfigProperty;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A tenant's settings, read once per message from its {@link TenantConfig}.
 *
 * @param warehouses      warehouse codes in order of preference: an order is filled from the first that can
 * @param carrierName     printed on labels and named to customers
 * @param trackingUrlBase the tracking number is appended to it to make the customer's tracking link
 */
public record EcommerceSettings(List<String> warehouses, String carrierName, String trackingUrlBase, BackorderPolicy backorderPolicy) {

    public static final String WAREHOUSES = "warehouses";
    public static final String CARRIER_NAME = "carrierName";
    public static final String TRACKING_URL_BASE = "trackingUrlBase";
    public static final String BACKORDER_POLICY = "backorderPolicy";

    public static final String DEFAULT_CARRIER_NAME = "Conveyor Parcel";
    public static final String DEFAULT_TRACKING_URL_BASE = "https://track.example.com/";
    public static final int MAX_CARRIER_NAME_LENGTH = 40;
    public static final int MAX_WAREHOUSES = 20;

    /** Warehouse codes: short, and free of commas and blanks so that they survive CSV and the comma-separated setting. */
    public static final Pattern WAREHOUSE_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");

    public static final List<ConfigProperty> PROPERTIES = List.of(
            ConfigProperty.required(WAREHOUSES, ConfigProperty.Type.STRING_LIST,
                    "warehouse codes in order of preference, such as east,west: an order is filled from the first "
                            + "warehouse that holds all of it, else line by line from the first that holds the line"),
            ConfigProperty.optional(CARRIER_NAME, ConfigProperty.Type.STRING, DEFAULT_CARRIER_NAME,
                    "the carrier printed on shipping labels and named in customer notifications"),
            ConfigProperty.optional(TRACKING_URL_BASE, ConfigProperty.Type.URL, DEFAULT_TRACKING_URL_BASE,
                    "where customers follow a parcel: the tracking number is appended, so end it with / or ="),
            ConfigProperty.optional(BACKORDER_POLICY, ConfigProperty.Type.STRING, BackorderPolicy.REJECT.name(),
                    "what becomes of an order that stock cannot fill: BACKORDER keeps it waiting, REJECT turns it down"));

    public EcommerceSettings {
        warehouses = List.copyOf(requireNonNull(warehouses, "warehouses is null"));
        requireNonNull(carrierName, "carrierName is null");
        requireNonNull(trackingUrlBase, "trackingUrlBase is null");
        requireNonNull(backorderPolicy, "backorderPolicy is null");
    }

    /**
     * The settings of a tenant whose configuration passed {@link #validate}.
     *
     * @throws IllegalStateException naming every problem, when the configuration is invalid after all
     */
    public static EcommerceSettings of(TenantConfig config) {
        requireNonNull(config, "config is null");
        List<Violation> violations = validate(config);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("the tenant's e-commerce configuration is invalid; fix it through the admin API: "
                    + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
        }
        return new EcommerceSettings(config.list(WAREHOUSES), config.string(CARRIER_NAME).strip(), config.string(TRACKING_URL_BASE),
                BackorderPolicy.valueOf(config.string(BACKORDER_POLICY)));
    }

    /** The rules types alone cannot express; {@link dev.conveyor.sdk.DomainPlugin#validateConfiguration} answers with these. */
    public static List<Violation> validate(TenantConfig config) {
        requireNonNull(config, "config is null");
        List<Violation> violations = new ArrayList<>();
        List<String> warehouses = config.list(WAREHOUSES);
        if (warehouses.isEmpty()) {
            violations.add(new Violation("config." + WAREHOUSES, "must name at least one warehouse, such as east,west"));
        } else if (warehouses.size() > MAX_WAREHOUSES) {
            violations.add(new Violation("config." + WAREHOUSES, "names " + warehouses.size() + " warehouses; at most "
                    + MAX_WAREHOUSES + " are allowed"));
        }
        Set<String> seen = new HashSet<>();
        for (String warehouse : warehouses) {
            if (!WAREHOUSE_CODE.matcher(warehouse).matches()) {
                violations.add(new Violation("config." + WAREHOUSES, "warehouse '" + abbreviate(warehouse) + "' must be 1 to 32 "
                        + "letters, digits, '.', '_' or '-', starting with a letter or digit"));
            } else if (!seen.add(warehouse)) {
                violations.add(new Violation("config." + WAREHOUSES, "names warehouse '" + warehouse + "' twice; list each once, "
                        + "in order of preference"));
            }
        }
        String carrierName = config.value(CARRIER_NAME).orElse("");
        if (carrierName.isBlank()) {
            violations.add(new Violation("config." + CARRIER_NAME, "must not be blank; it is printed on every label"));
        } else if (carrierName.strip().length() > MAX_CARRIER_NAME_LENGTH) {
            violations.add(new Violation("config." + CARRIER_NAME, "has " + carrierName.strip().length() + " characters; at most "
                    + MAX_CARRIER_NAME_LENGTH + " fit on a label"));
        }
        String policy = config.value(BACKORDER_POLICY).orElse("");
        if (Arrays.stream(BackorderPolicy.values()).noneMatch(value -> value.name().equals(policy))) {
            violations.add(new Violation("config." + BACKORDER_POLICY, "must be BACKORDER or REJECT, was '" + abbreviate(policy) + "'"));
        }
        return List.copyOf(violations);
    }

    /** The link where a customer follows the parcel with {@code trackingNumber}. */
    public String trackingUrl(String trackingNumber) {
        return trackingUrlBase + requireNonNull(trackingNumber, "trackingNumber is null");
    }

    /** Where {@code warehouse} stands in the tenant's preference; warehouses no longer configured come last. */
    public int preferenceOf(String warehouse) {
        int index = warehouses.indexOf(warehouse);
        return index < 0 ? warehouses.size() : index;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
