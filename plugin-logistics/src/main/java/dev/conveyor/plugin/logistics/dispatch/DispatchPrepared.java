package dev.conveyor.plugin.logistics.dispatch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.LocalDate;

/** An order was dispatched to a hub and is ready for its shipping label ({@code logistics.dispatch.v1}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DispatchPrepared(
        @NotBlank String orderId,
        @NotBlank String hub,
        @NotNull ServiceLevel serviceLevel,
        @NotNull LocalDate pickupDate,
        @NotNull LocalDate estimatedDelivery,
        @NotNull @Positive BigDecimal totalWeightKg,
        @Positive int parcelCount) {
}
