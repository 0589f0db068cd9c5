package dev.conveyor.plugin.ecommerce.fulfillment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Every line of an order holds stock, ready for shipping ({@code ecommerce.fulfillment.v1}). The reservations in the
 * database are the record; the items here say what was reserved for whoever reads the queue.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FulfillmentReserved(
        @NotBlank String orderId,
        @NotEmpty List<@NotNull @Valid ReservedItem> items,
        @NotNull ShippingSpeed speed) {
}
