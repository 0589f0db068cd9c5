package dev.conveyor.plugin.ecommerce.order;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One line of an order. {@code quantity} is boxed so that a missing one reaches the validator, which names it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderLine(String sku, Integer quantity) {
}
