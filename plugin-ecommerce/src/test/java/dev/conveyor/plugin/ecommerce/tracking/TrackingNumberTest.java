package dev.conveyor.plugin.ecommerce.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

final class TrackingNumberTest {

    @Test
    void generatesEcNumbersFromTheSerial() {
        TrackingNumber trackingNumber = TrackingNumber.generate(12_345_678);

        assertThat(trackingNumber.value()).isEqualTo("EC123456785US");
        assertThat(trackingNumber.serial()).isEqualTo(12_345_678L);
        assertThat(trackingNumber).hasToString("EC123456785US");
    }

    @Test
    void padsShortSerialsToEightDigits() {
        assertThat(TrackingNumber.generate(42).value()).startsWith("EC00000042").endsWith("US");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 10_000_000, 10_000_002, 10_000_014, 47_312_482, 99_999_999})
    void parsesWhatItGenerates(long serial) {
        TrackingNumber generated = TrackingNumber.generate(serial);

        assertThat(TrackingNumber.parse(generated.value())).isEqualTo(generated);
        assertThat(TrackingNumber.parse(generated.value()).serial()).isEqualTo(serial);
    }

    @ParameterizedTest(name = "serial {0} has check digit {1}")
    @CsvSource({
            // The UPU's own example, RR473124829GB: weighted sum 200, 200 mod 11 = 2, 11 - 2 = 9.
            "47312482, 9",
            "12345678, 5",
            "10000000, 3",
            // Weighted sum mod 11 = 1, so 11 - 1 = 10, which S10 writes as 0.
            "10000014, 0",
            // Weighted sum mod 11 = 0, so 11 - 0 = 11, which S10 writes as 5.
            "10000002, 5",
            "00000000, 5",
    })
    void computesTheS10CheckDigit(String serial, int checkDigit) {
        assertThat(TrackingNumber.checkDigit(serial)).isEqualTo(checkDigit);
    }

    @Test
    void acceptsAnyValidS10Number() {
        assertThat(TrackingNumber.parse("RR473124829GB").serial()).isEqualTo(47_312_482L);
    }

    @Test
    void forgivesBlanksAndLowerCaseWhenParsing() {
        assertThat(TrackingNumber.parse("  ec123456785us ").value()).isEqualTo("EC123456785US");
    }

    @Test
    void namesTheExpectedCheckDigit() {
        assertThatThrownBy(() -> TrackingNumber.parse("EC123456784US"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tracking number 'EC123456784US' has a wrong check digit: expected 5");
        assertThat(TrackingNumber.problem("EC123456784US")).contains("tracking number 'EC123456784US' has a wrong check digit: expected 5");
        assertThat(TrackingNumber.problem("EC123456785US")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "EC12345678US", "EC1234567855US", "E1123456785US", "EC123456785U1", "EC12345678XUS"})
    void rejectsWhatIsNotAnS10Number(String text) {
        assertThatThrownBy(() -> TrackingNumber.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tracking number '" + text + "' is not a UPU S10 number: expected 2 letters, 8 digits, "
                        + "a check digit and 2 letters, such as EC100000003US");
    }

    @Test
    void abbreviatesALongNumberInTheMessage() {
        assertThatThrownBy(() -> TrackingNumber.parse("X".repeat(500)))
                .hasMessageStartingWith("tracking number '" + "X".repeat(20) + "…' is not a UPU S10 number");
    }

    @Test
    void refusesSerialsThatDoNotFitEightDigits() {
        assertThatThrownBy(() -> TrackingNumber.generate(100_000_000)).hasMessageContaining("serial 100000000 does not fit");
        assertThatThrownBy(() -> TrackingNumber.generate(-1)).hasMessageContaining("serial -1 does not fit");
    }
}
