package dev.conveyor.plugin.ecommerce.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

final class DeliveryCalendarTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 11, 25);
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 11, 28);
    private static final LocalDate SUNDAY = LocalDate.of(2026, 11, 29);
    private static final LocalDate NEXT_MONDAY = LocalDate.of(2026, 11, 30);

    @Test
    void theCalendarOfTheseTestsIsRight() {
        assertThat(MONDAY.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(FRIDAY.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(SATURDAY.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
    }

    @ParameterizedTest(name = "{0} shipped {1}: {2}")
    @CsvSource({
            "STANDARD, 2026-11-23, 2026-11-30",
            "EXPRESS, 2026-11-23, 2026-11-25",
            "EXPRESS, 2026-11-26, 2026-11-30",
            "EXPRESS, 2026-11-27, 2026-12-01",
            "STANDARD, 2026-11-27, 2026-12-04",
            "EXPRESS, 2026-11-28, 2026-12-01",
            "EXPRESS, 2026-11-29, 2026-12-01",
    })
    void datesDeliveryInBusinessDaysBySpeed(ShippingSpeed speed, LocalDate shipDate, LocalDate expected) {
        assertThat(DeliveryCalendar.estimatedDelivery(shipDate, speed)).isEqualTo(expected);
    }

    @Test
    void takesFiveBusinessDaysForStandardAndTwoForExpress() {
        assertThat(ShippingSpeed.STANDARD.transitBusinessDays()).isEqualTo(5);
        assertThat(ShippingSpeed.EXPRESS.transitBusinessDays()).isEqualTo(2);
    }

    @Test
    void countsBusinessDaysAcrossWeekends() {
        assertThat(DeliveryCalendar.addBusinessDays(MONDAY, 0)).isEqualTo(MONDAY);
        assertThat(DeliveryCalendar.addBusinessDays(MONDAY, 2)).isEqualTo(WEDNESDAY);
        assertThat(DeliveryCalendar.addBusinessDays(FRIDAY, 1)).isEqualTo(NEXT_MONDAY);
        assertThat(DeliveryCalendar.addBusinessDays(SATURDAY, 1)).isEqualTo(NEXT_MONDAY);
        assertThat(DeliveryCalendar.addBusinessDays(SUNDAY, 1)).isEqualTo(NEXT_MONDAY);
        assertThat(DeliveryCalendar.addBusinessDays(MONDAY, 10)).isEqualTo(MONDAY.plusWeeks(2));
    }

    @Test
    void refusesANegativeNumberOfBusinessDays() {
        assertThatThrownBy(() -> DeliveryCalendar.addBusinessDays(MONDAY, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("businessDays must be 0 or more, was -1");
    }
}
