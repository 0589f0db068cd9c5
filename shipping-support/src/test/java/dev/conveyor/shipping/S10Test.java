package dev.conveyor.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class S10Test {

    @ParameterizedTest
    @CsvSource({"47312482, 9", "10000000, 3", "10000029, 0", "12345678, 5"})
    void computesTheCheckDigitWithItsTwoSpecialCases(String serial, int checkDigit) {
        assertThat(S10.checkDigit(serial)).isEqualTo(checkDigit);
    }

    @Test
    void formatsASerialWithTheIssuersLettersAndRefusesOneThatDoesNotFit() {
        assertThat(S10.format("CV", 10_000_000, "US", "seq")).isEqualTo("CV100000003US");
        assertThatThrownBy(() -> S10.format("CV", S10.MAX_SERIAL + 1, "US", "logistics_tracking_serial"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the logistics_tracking_serial sequence is exhausted");
    }

    @Test
    void namesWhatIsWrongAndAcceptsAnyIssuersValidNumber() {
        assertThat(S10.problem(S10.normalize(" rr473124829us "), " rr473124829us ", "CV100000003US")).isEmpty();
        assertThat(S10.problem("RR473124825US", "RR473124825US", "CV100000003US"))
                .contains("tracking number 'RR473124825US' has a wrong check digit: expected 9");
        assertThat(S10.problem("12345", "12345", "EC100000003US")).hasValueSatisfying(problem ->
                assertThat(problem).contains("is not a UPU S10 number", "such as EC100000003US"));
        assertThat(S10.serial("CV100000003US")).isEqualTo(10_000_000L);
    }
}
