package dev.conveyor.plugin.logistics.tracking;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/** A shipment reached a new status ({@code logistics.shipment-status.v1}); {@code location} is a hub or a place. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentStatusChanged(
        String orderId,
        String trackingNumber,
        ShipmentStatus status,
        Instant occurredAt,
        LocalDate estimatedDelivery,
        String location) {
}
