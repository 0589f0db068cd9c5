package dev.conveyor.plugin.ecommerce.inventory;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * One row of a stock load: a CSV line under the header {@code warehouse,sku,onHand}, or a JSON object with those
 * fields. The platform reads and checks each row; whether its warehouse is one of the tenant's is the load's question.
 */
public record StockRow(
        @NotBlank(message = "is required")
        String warehouse,

        @NotBlank(message = "is required") @Pattern(regexp = Sku.PATTERN, message = "must be " + Sku.RULE)
        String sku,

        @NotNull(message = "is required: " + ON_HAND_RULE)
        @Min(value = 0, message = "must be " + ON_HAND_RULE) @Max(value = MAX_ON_HAND, message = "must be " + ON_HAND_RULE)
        Integer onHand) {

    public static final int MAX_ON_HAND = 1_000_000_000;
    private static final String ON_HAND_RULE = "a whole number from 0 to " + MAX_ON_HAND;
}
