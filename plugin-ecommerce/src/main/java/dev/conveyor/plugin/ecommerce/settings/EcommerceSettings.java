package dev.conveyor.plugin.ecommerce.settings;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.Setting;
import dev.conveyor.sdk.Violation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A tenant's settings for E-Commerce Express. The platform reads them into this record, checks the annotations and
 * {@link #violations()} on every create and update, and hands them to the handlers once per version.
 *
 * @param warehouses      warehouse codes in order of preference: an order is filled from the first that can
 * @param carrierName     printed on labels and named to customers
 * @param trackingUrlBase the tracking number is appended to it to make the customer's tracking link
 */
public record EcommerceSettings(
        @Setting(help = "warehouse codes in order of preference, such as east,west: an order is filled from the first "
                + "warehouse that holds all of it, else line by line from the first that holds the line")
        @NotEmpty(message = "must name at least one warehouse, such as east,west")
        @Size(max = MAX_WAREHOUSES, message = "names too many warehouses; at most {max} are allowed")
        List<@NotNull(message = WAREHOUSE_RULE) @Pattern(regexp = WAREHOUSE_CODE, message = WAREHOUSE_RULE) String> warehouses,

        @Setting(help = "the carrier printed on shipping labels and named in customer notifications",
                defaultValue = "Conveyor Parcel")
        @NotBlank(message = "must not be blank; it is printed on every label")
        @Size(max = MAX_CARRIER_NAME_LENGTH, message = "is too long: at most {max} characters fit on a label")
        String carrierName,

        @Setting(help = "where customers follow a parcel: the tracking number is appended, so end it with / or =",
                defaultValue = "https://track.example.com/")
        @NotNull
        URI trackingUrlBase,

        @Setting(help = "what becomes of an order that stock cannot fill: BACKORDER keeps it waiting, REJECT turns it down",
                defaultValue = "REJECT")
        @NotNull
        BackorderPolicy backorderPolicy) {

    public static final int MAX_CARRIER_NAME_LENGTH = 40;
    public static final int MAX_WAREHOUSES = 20;
    /** Warehouse codes: short, and free of commas and blanks so that they survive CSV and the comma-separated setting. */
    public static final String WAREHOUSE_CODE = "[A-Za-z0-9][A-Za-z0-9._-]{0,31}";
    private static final String WAREHOUSE_RULE = "must be 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit";

    public EcommerceSettings {
        // Null stays null for Bean Validation to name; blanks around a name would only misalign the label.
        warehouses = warehouses == null ? null : Collections.unmodifiableList(new ArrayList<>(warehouses));
        carrierName = carrierName == null ? null : carrierName.strip();
    }

    /** What {@link dev.conveyor.sdk.DomainPlugin#validateSettings} adds to the annotations: each warehouse once. */
    public List<Violation> violations() {
        List<Violation> violations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String warehouse : warehouses == null ? List.<String>of() : warehouses) {
            if (warehouse != null && !seen.add(warehouse)) {
                violations.add(new Violation("warehouses", "names warehouse '" + abbreviate(warehouse) + "' twice; list each "
                        + "once, in order of preference"));
            }
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
