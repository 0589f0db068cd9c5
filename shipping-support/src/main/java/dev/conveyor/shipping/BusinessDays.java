package dev.conveyor.shipping;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Business days for pickup and delivery dates: Saturdays and Sundays are skipped; public holidays are not modelled
 * yet. Days are UTC dates, as every tenant's are until tenants can choose a time zone.
 */
public final class BusinessDays {

    private BusinessDays() {
    }

    /** {@code businessDays} business days after {@code day}; a weekend day counts from the following Monday. */
    public static LocalDate add(LocalDate day, int businessDays) {
        requireNonNull(day, "day is null");
        if (businessDays < 0) {
            throw new IllegalArgumentException("businessDays must be 0 or more, was " + businessDays);
        }
        LocalDate result = day;
        int remaining = businessDays;
        while (remaining > 0) {
            result = result.plusDays(1);
            if (isBusinessDay(result)) {
                remaining--;
            }
        }
        return result;
    }

    public static boolean isBusinessDay(LocalDate day) {
        DayOfWeek dayOfWeek = requireNonNull(day, "day is null").getDayOfWeek();
        return dayOfWeek != DayOfWeek.SATURDAY && dayOfWeek != DayOfWeek.SUNDAY;
    }
}
