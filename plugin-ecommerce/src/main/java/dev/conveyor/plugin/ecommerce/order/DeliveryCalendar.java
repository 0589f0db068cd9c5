package dev.conveyor.plugin.ecommerce.order;

import static java.util.Objects.requireNonNull;

import dev.conveyor.shipping.BusinessDays;
import java.time.LocalDate;

/**
 * Delivery dates in business days ({@link BusinessDays}: weekends skipped, UTC dates).
 */
public final class DeliveryCalendar {

    private DeliveryCalendar() {
    }

    /** When a parcel leaving on {@code shipDate} at {@code speed} should arrive. */
    public static LocalDate estimatedDelivery(LocalDate shipDate, ShippingSpeed speed) {
        requireNonNull(speed, "speed is null");
        return addBusinessDays(shipDate, speed.transitBusinessDays());
    }

    /** {@code businessDays} business days after {@code day}; a weekend day counts from the following Monday. */
    public static LocalDate addBusinessDays(LocalDate day, int businessDays) {
        return BusinessDays.add(day, businessDays);
    }
}
