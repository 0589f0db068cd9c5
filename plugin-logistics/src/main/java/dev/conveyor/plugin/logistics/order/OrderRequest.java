package dev.conveyor.plugin.logistics.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An order submitted for delivery ({@code logistics.order.v1}). Its annotations are its structural rules: the platform
 * checks them all at once on ingest and again before dispatch sees the order. Business rules (where Acme delivers,
 * weight limits) belong to dispatch, which rejects the order instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderRequest(
        @NotNull(message = "is required") @Pattern(regexp = ORDER_ID_PATTERN, message = ORDER_ID_RULE) String orderId,
        @NotNull(message = "is required; give the customer's name and email") @Valid Customer customer,
        @NotEmpty(message = "must list at least one item")
        @Size(max = MAX_ITEMS, message = "lists more than {max} items; at most {max} are allowed per order, so split it into "
                + "several orders")
        @Valid List<@NotNull(message = "is null; give sku, quantity and weightKg") OrderItem> items,
        @NotNull(message = "is required; give the address and the serviceLevel") @Valid ShippingInstructions shipping) {

    public static final int MAX_ITEMS = 100;
    public static final String ORDER_ID_PATTERN = "[A-Za-z0-9._-]{1,64}";
    public static final String ORDER_ID_RULE = "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'";
}
