package dev.conveyor.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BusinessDaysTest {

    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    private static final LocalDate SATURDAY = FRIDAY.plusDays(1);
    private static final LocalDate NEXT_MONDAY = FRIDAY.plusDays(3);

    @Test
    void skipsWeekends() {
        assertThat(BusinessDays.add(FRIDAY, 0)).isEqualTo(FRIDAY);
        assertThat(BusinessDays.add(FRIDAY, 1)).isEqualTo(NEXT_MONDAY);
        assertThat(BusinessDays.add(SATURDAY, 1)).isEqualTo(NEXT_MONDAY);
        assertThat(BusinessDays.add(FRIDAY, 6)).isEqualTo(NEXT_MONDAY.plusWeeks(1));
        assertThat(BusinessDays.isBusinessDay(SATURDAY)).isFalse();
        assertThat(BusinessDays.isBusinessDay(FRIDAY)).isTrue();
    }

    @Test
    void refusesANegativeCountAndAMissingDay() {
        assertThatThrownBy(() -> BusinessDays.add(FRIDAY, -1)).hasMessageContaining("businessDays must be 0 or more");
        assertThatThrownBy(() -> BusinessDays.isBusinessDay(null)).hasMessage("day is null");
    }
}
