package dev.conveyor.plugin.ecommerce.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Something happened to an order or one of its parcels ({@code ecommerce.order-update.v1}). Conveyor emits CONFIRMED,
 * BACKORDERED, REJECTED and SHIPPED; carriers send scans (IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION) naming
 * the parcel by {@code trackingNumber} and the scan by {@code scanId}, their id for it, which makes a scan sent twice
 * count once. {@link OrderUpdateValidator} says which fields each kind needs.
 *
 * @param trackingNumber null before shipping
 * @param location       a warehouse or a carrier's depot
 * @param detail         a reason (BACKORDERED, REJECTED), the carrier (SHIPPED) or the carrier's note (scans)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderUpdate(
        String orderId,
        UpdateKind kind,
        String trackingNumber,
        Instant occurredAt,
        LocalDate estimatedDelivery,
        String location,
        String detail,
        String scanId) {
}
