package dev.conveyor.plugin.ecommerce.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An order placed in the shop ({@code ecommerce.order.v1}). Not validated on construction: foreign producers send
 * anything, and {@link OrderRequestValidator} reports every problem at once instead of the first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderRequest(String orderId, Customer customer, List<OrderLine> lines, Address shippingAddress, ShippingSpeed speed) {
}
