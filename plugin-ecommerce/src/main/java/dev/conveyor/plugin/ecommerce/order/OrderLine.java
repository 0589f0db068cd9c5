package dev.conveyor.plugin.ecommerce.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.ecommerce.inventory.Sku;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One line of an order. {@code quantity} is boxed so that a missing one is named as missing, not read as 0. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLine(
        @NotBlank(message = "is required") @Pattern(regexp = Sku.PATTERN, message = "must be " + Sku.RULE)
        String sku,

        @NotNull(message = "is required: a whole number from 1 to " + MAX_QUANTITY)
        @Min(value = 1, message = "must be 1 to " + MAX_QUANTITY) @Max(value = MAX_QUANTITY, message = "must be 1 to " + MAX_QUANTITY)
        Integer quantity) {

    public static final int MAX_QUANTITY = 1000;
}
