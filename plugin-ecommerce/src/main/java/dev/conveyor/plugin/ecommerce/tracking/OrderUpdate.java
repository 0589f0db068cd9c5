package dev.conveyor.plugin.ecommerce.tracking;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.ecommerce.order.OrderRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Something happened to an order or one of its parcels ({@code ecommerce.order-update.v1}). Conveyor emits CONFIRMED,
 * BACKORDERED, REJECTED and SHIPPED; carriers send scans (IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION) naming
 * the parcel by {@code trackingNumber} and the scan by {@code scanId}, their id for it, which makes a scan sent twice
 * count once. {@link FieldsOfItsKind} says which fields each kind needs.
 *
 * @param trackingNumber a UPU S10 number; null before shipping
 * @param location       a warehouse or a carrier's depot
 * @param detail         a reason (BACKORDERED, REJECTED), the carrier (SHIPPED) or the carrier's note (scans)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@FieldsOfItsKind
public record OrderUpdate(
        @Pattern(regexp = OrderRequest.ORDER_ID, message = OrderRequest.ORDER_ID_RULE)
        String orderId,

        @NotNull(message = "is required: one of CONFIRMED, BACKORDERED, REJECTED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, "
                + "DELIVERED, EXCEPTION")
        UpdateKind kind,

        String trackingNumber,
        Instant occurredAt,
        LocalDate estimatedDelivery,

        @Size(max = 200, message = "is too long: at most {max} characters are allowed")
        String location,

        @Size(max = MAX_DETAIL_LENGTH, message = "is too long: at most {max} characters are allowed")
        String detail,

        @Pattern(regexp = "[\\x21-\\x7E]{1,100}", message = "must be 1 to 100 printable ASCII characters without blanks")
        String scanId) {

    public static final int MAX_DETAIL_LENGTH = 500;
    /** A valid number of E-Commerce Express's, for messages that show what a tracking number looks like. */
    public static final String TRACKING_NUMBER_EXAMPLE = "EC100000003US";

    /** An update about the order as a whole; the order keeps the whole {@code detail}, the update what fits. */
    public static OrderUpdate aboutOrder(String orderId, UpdateKind kind, Instant occurredAt, LocalDate estimatedDelivery,
            String detail) {
        requireNonNull(orderId, "orderId is null");
        if (!kind.isAboutOrder()) {
            throw new IllegalArgumentException(kind + " is not about the order as a whole");
        }
        String fitting = detail == null || detail.length() <= MAX_DETAIL_LENGTH ? detail
                : detail.substring(0, MAX_DETAIL_LENGTH - 1) + "…";
        return new OrderUpdate(orderId, kind, null, occurredAt, estimatedDelivery, null, fitting, null);
    }
}
