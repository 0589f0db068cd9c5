package dev.conveyor.plugin.logistics.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.math.BigDecimal;

/** One line of an order: {@code weightKg} is the weight of one unit, so the line weighs {@code quantity × weightKg}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderItem(
        String sku,
        String description,
        // The engine refuses a missing primitive outright, with no field name; read as 0, the validator names it.
        @JsonSetter(nulls = Nulls.AS_EMPTY) int quantity,
        BigDecimal weightKg) {
}
