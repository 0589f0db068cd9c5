package dev.conveyor.plugin.ecommerce.fulfillment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/** Units of one SKU held for the order in one warehouse. */
public record ReservedItem(@NotBlank String warehouse, @NotBlank String sku, @Positive int quantity) {
}
