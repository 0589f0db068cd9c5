package dev.conveyor.plugin.logistics.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** One line of an order: {@code weightKg} is the weight of one unit, so the line weighs {@code quantity × weightKg}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderItem(
        @NotBlank(message = "is required") String sku,
        String description,
        @NotNull(message = "is required: a whole number from 1 to 1000")
        @Min(value = 1, message = "must be 1 to 1000") @Max(value = 1000, message = "must be 1 to 1000") Integer quantity,
        @NotNull(message = "is required: the weight of one unit in kilograms")
        @Positive(message = "must be more than 0 and at most 1000 kg")
        @DecimalMax(value = "1000", message = "must be more than 0 and at most 1000 kg") BigDecimal weightKg) {
}
