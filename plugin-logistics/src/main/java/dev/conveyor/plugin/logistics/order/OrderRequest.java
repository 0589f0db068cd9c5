package dev.conveyor.plugin.logistics.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An order submitted for delivery ({@code logistics.order.v1}). Not validated on construction: foreign producers
 * send anything, and {@link OrderRequestValidator} reports every problem at once instead of the first.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderRequest(String orderId, Customer customer, List<OrderItem> items, ShippingInstructions shipping) {
}
