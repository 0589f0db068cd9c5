package dev.conveyor.plugin.ecommerce.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An order placed in the shop ({@code ecommerce.order.v1}). The platform checks its shape on ingest and before
 * fulfillment sees it; whether stock can fill it is fulfillment's question, which rejects or backorders it instead.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@EachSkuOnce
public record OrderRequest(
        @NotBlank(message = "is required")
        @Pattern(regexp = ORDER_ID, message = ORDER_ID_RULE)
        String orderId,

        @NotNull(message = "is required; give the customer's name and email") @Valid
        Customer customer,

        @NotEmpty(message = "must list at least one line of sku and quantity")
        @Size(max = MAX_LINES, message = "has too many lines; at most {max} are allowed per order, so split it into several orders")
        List<@NotNull(message = "is null; give sku and quantity") @Valid OrderLine> lines,

        @NotNull(message = "is required; give line1, city, postalCode and country") @Valid
        Address shippingAddress,

        @NotNull(message = "is required: STANDARD or EXPRESS")
        ShippingSpeed speed) {

    public static final String ORDER_ID = "[A-Za-z0-9._-]{1,64}";
    public static final String ORDER_ID_RULE = "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'";
    public static final int MAX_LINES = 100;
}
