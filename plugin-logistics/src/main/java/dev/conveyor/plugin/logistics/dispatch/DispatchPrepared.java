package dev.conveyor.plugin.logistics.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import java.math.BigDecimal;
import java.time.LocalDate;

/** An order was dispatched to a hub and is ready for its shipping label ({@code logistics.dispatch.v1}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DispatchPrepared(
        String orderId,
        String hub,
        ServiceLevel serviceLevel,
        LocalDate pickupDate,
        LocalDate estimatedDelivery,
        BigDecimal totalWeightKg,
        int parcelCount) {
}
