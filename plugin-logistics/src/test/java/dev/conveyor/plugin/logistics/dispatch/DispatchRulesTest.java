package dev.conveyor.plugin.logistics.dispatch;

import static dev.conveyor.plugin.logistics.order.OrderRequests.address;
import static dev.conveyor.plugin.logistics.order.OrderRequests.item;
import static dev.conveyor.plugin.logistics.order.OrderRequests.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class DispatchRulesTest {

    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate FRIDAY = LocalDate.of(2026, 11, 27);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 11, 28);
    private static final LocalDate SUNDAY = LocalDate.of(2026, 11, 29);
    private static final LocalDate NEXT_MONDAY = LocalDate.of(2026, 11, 30);

    @Test
    void theCalendarOfTheseTestsIsRight() {
        assertThat(MONDAY.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(FRIDAY.getDayOfWeek()).isEqualTo(DayOfWeek.FRIDAY);
        assertThat(NEXT_MONDAY.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    }

    @Test
    void servesEachListedCountry() {
        for (String country : DispatchRules.SERVED_COUNTRIES) {
            String postalCode = country.equals("US") ? "10001" : "1011 AB";
            assertThat(DispatchRules.rejectionReasons(country, postalCode, ServiceLevel.STANDARD, BigDecimal.TEN)).isEmpty();
        }
    }

    @Test
    void rejectsACountryItDoesNotServeAndListsThoseItDoes() {
        assertThat(DispatchRules.rejectionReasons("BR", "01310-100", ServiceLevel.STANDARD, BigDecimal.TEN)).containsExactly(
                "Acme Logistics does not deliver to BR (served: US, CA, MX, GB, IE, DE, FR, NL, BE, ES, IT, AT, CH, DK, SE, NO, PL)");
    }

    @Test
    void rejectsMoreThan150KgButNotExactly150() {
        assertThat(DispatchRules.rejectionReasons("US", "10001", ServiceLevel.STANDARD, new BigDecimal("150.000"))).isEmpty();
        assertThat(DispatchRules.rejectionReasons("US", "10001", ServiceLevel.STANDARD, new BigDecimal("150.5"))).containsExactly(
                "total weight 150.5 kg is over the 150 kg limit per order; split it into several orders");
    }

    @Test
    void offersOvernightOnlyWithinTheUs() {
        assertThat(DispatchRules.rejectionReasons("US", "10001", ServiceLevel.OVERNIGHT, BigDecimal.ONE)).isEmpty();
        assertThat(DispatchRules.rejectionReasons("DE", "10115", ServiceLevel.OVERNIGHT, BigDecimal.ONE)).containsExactly(
                "OVERNIGHT delivery is only available within the US, not to DE; choose EXPRESS or STANDARD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "ABCDE", "100011", "10001-12"})
    void rejectsAUsAddressWithoutAZipCode(String postalCode) {
        assertThat(DispatchRules.rejectionReasons("US", postalCode, ServiceLevel.STANDARD, BigDecimal.ONE)).containsExactly(
                "the US postal code is not a ZIP code: give 5 digits such as 10001, or ZIP+4 such as 10001-1234");
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        assertThat(DispatchRules.rejectionReasons("BR", "01310-100", ServiceLevel.OVERNIGHT, new BigDecimal("200")))
                .hasSize(3);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "US, 02134, US_EAST",
            "US, 10001, US_EAST",
            "US, 39201-1234, US_EAST",
            "US, 40202, US_CENTRAL",
            "US, 60601, US_CENTRAL",
            "US, 69001, US_CENTRAL",
            "US, 70112, US_WEST",
            "US, 94105, US_WEST",
            "US, 99501, US_WEST",
            "CA, M5V 2T6, CA_TORONTO",
            "MX, 64000, MX_MONTERREY",
            "GB, SW1A 1AA, UK_MIDLANDS",
            "IE, D02 X285, UK_MIDLANDS",
            "DE, 10115, EU_ROTTERDAM",
            "FR, 75001, EU_ROTTERDAM",
            "CH, 8001, EU_ROTTERDAM",
            "NO, 0150, EU_ROTTERDAM",
            "PL, 00-001, EU_ROTTERDAM",
    })
    void choosesTheHubFromCountryAndZipRegion(String country, String postalCode, Hub hub) {
        assertThat(DispatchRules.hubFor(country, postalCode)).isEqualTo(hub);
    }

    @Test
    void hasAHubForEveryServedCountry() {
        for (String country : DispatchRules.SERVED_COUNTRIES) {
            assertThat(DispatchRules.hubFor(country, "10001")).isNotNull();
        }
    }

    @Test
    void refusesToChooseAHubForACountryItDoesNotServe() {
        assertThatThrownBy(() -> DispatchRules.hubFor("BR", "01310-100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Acme Logistics has no hub for BR (served: US, CA");
    }

    @Test
    void namesHubsAsOrdersAndMessagesDo() {
        assertThat(Hub.US_EAST.code()).isEqualTo("US-EAST");
        assertThat(Hub.EU_ROTTERDAM.code()).isEqualTo("EU-ROTTERDAM");
    }

    @Test
    void picksUpOnTheNextBusinessDay() {
        assertThat(DispatchRules.nextBusinessDay(MONDAY)).isEqualTo(MONDAY.plusDays(1));
        assertThat(DispatchRules.nextBusinessDay(FRIDAY)).isEqualTo(NEXT_MONDAY);
        assertThat(DispatchRules.nextBusinessDay(SATURDAY)).isEqualTo(NEXT_MONDAY);
        assertThat(DispatchRules.nextBusinessDay(SUNDAY)).isEqualTo(NEXT_MONDAY);
    }

    @Test
    void countsBusinessDaysAcrossAWeekend() {
        assertThat(DispatchRules.addBusinessDays(MONDAY, 0)).isEqualTo(MONDAY);
        assertThat(DispatchRules.addBusinessDays(MONDAY, 4)).isEqualTo(FRIDAY);
        assertThat(DispatchRules.addBusinessDays(MONDAY, 5)).isEqualTo(NEXT_MONDAY);
        assertThat(DispatchRules.addBusinessDays(FRIDAY, 1)).isEqualTo(NEXT_MONDAY);
        assertThat(DispatchRules.addBusinessDays(FRIDAY, 2)).isEqualTo(NEXT_MONDAY.plusDays(1));
        assertThat(DispatchRules.addBusinessDays(SATURDAY, 1)).isEqualTo(NEXT_MONDAY);
        assertThat(DispatchRules.addBusinessDays(MONDAY, 10)).isEqualTo(MONDAY.plusWeeks(2));
    }

    @Test
    void refusesANegativeNumberOfBusinessDays() {
        assertThatThrownBy(() -> DispatchRules.addBusinessDays(MONDAY, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("businessDays must be 0 or more, was -1");
    }

    @ParameterizedTest(name = "{0} to {1}: {2} business days")
    @CsvSource({
            "STANDARD, US, 5",
            "EXPRESS, US, 2",
            "OVERNIGHT, US, 1",
            "STANDARD, DE, 8",
            "EXPRESS, CA, 5",
    })
    void addsThreeBusinessDaysOutsideTheUs(ServiceLevel serviceLevel, String country, int days) {
        assertThat(DispatchRules.transitBusinessDays(serviceLevel, country)).isEqualTo(days);
    }

    @Test
    void weighsEveryUnitOfEveryItem() {
        assertThat(DispatchRules.totalWeightKg(List.of(item("A", 2, "1.5"), item("B", 3, "0.25"))))
                .isEqualByComparingTo(new BigDecimal("3.75"));
    }

    @ParameterizedTest(name = "{0} kg -> {1} parcels")
    @CsvSource({
            "0.001, 1",
            "1, 1",
            "30, 1",
            "30.001, 2",
            "60, 2",
            "61, 3",
            "150, 5",
    })
    void packsAtMost30KgPerParcel(String totalWeightKg, int parcels) {
        assertThat(DispatchRules.parcelCount(new BigDecimal(totalWeightKg))).isEqualTo(parcels);
    }

    @Test
    void plansAWellFormedOrder() {
        var order = order(address("US", "94105"), ServiceLevel.EXPRESS, List.of(item("A", 2, "20"), item("B", 1, "5")));

        assertThat(DispatchRules.decide(order, FRIDAY)).isEqualTo(new DispatchDecision.Planned(
                Hub.US_WEST, NEXT_MONDAY, NEXT_MONDAY.plusDays(2), new BigDecimal("45"), 2));
    }

    @Test
    void plansAnInternationalOrderAcrossAWeekend() {
        var order = order(address("GB", "SW1A 1AA"), ServiceLevel.STANDARD, List.of(item("A", 1, "1")));

        // Picked up Tuesday, then 5 + 3 business days: Friday of the following week.
        assertThat(DispatchRules.decide(order, MONDAY)).isEqualTo(new DispatchDecision.Planned(
                Hub.UK_MIDLANDS, MONDAY.plusDays(1), NEXT_MONDAY.plusDays(4), new BigDecimal("1"), 1));
    }

    @Test
    void rejectsAnOrderThatBreaksARuleWithEveryReason() {
        var order = order(address("BR", "01310-100"), ServiceLevel.OVERNIGHT, List.of(item("A", 10, "16")));

        assertThat(DispatchRules.decide(order, MONDAY)).isEqualTo(new DispatchDecision.Rejected(
                "Acme Logistics does not deliver to BR (served: US, CA, MX, GB, IE, DE, FR, NL, BE, ES, IT, AT, CH, DK, SE, NO, PL); "
                        + "total weight 160 kg is over the 150 kg limit per order; split it into several orders; "
                        + "OVERNIGHT delivery is only available within the US, not to BR; choose EXPRESS or STANDARD"));
    }
}
