package dev.conveyor.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class TrackingNumberTest {

    private static final TrackingNumber.Issuer ACME = new TrackingNumber.Issuer("CV", "US", "logistics_tracking_serial");
    private static final ValidatorFactory VALIDATION = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();

    record Scan(@S10Number(example = "CV100000003US") String trackingNumber) {
    }

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void issuesNumbersWithTheIssuersLettersFromTheSerial() {
        TrackingNumber trackingNumber = ACME.issue(12_345_678);

        assertThat(trackingNumber.value()).isEqualTo("CV123456785US");
        assertThat(trackingNumber.serial()).isEqualTo(12_345_678L);
        assertThat(trackingNumber.toString()).isEqualTo("CV123456785US");
        assertThat(ACME.issue(42).value()).startsWith("CV00000042");
        assertThat(ACME.example()).isEqualTo("CV100000003US");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 10_000_000, 10_000_014, 10_000_002, 47_312_482, 99_999_999})
    void parsesWhatItIssues(long serial) {
        TrackingNumber issued = ACME.issue(serial);

        assertThat(ACME.parse(issued.value())).isEqualTo(issued);
        assertThat(ACME.parse(issued.value()).serial()).isEqualTo(serial);
    }

    @Test
    void acceptsAnyValidS10NumberNotOnlyTheIssuers() {
        assertThat(ACME.parse("RR473124829GB").serial()).isEqualTo(47_312_482L);
        assertThat(new TrackingNumber("RR473124829GB").value()).isEqualTo("RR473124829GB");
    }

    @Test
    void forgivesBlanksAndLowerCaseWhenParsing() {
        assertThat(ACME.parse("  cv123456785us ").value()).isEqualTo("CV123456785US");
    }

    @Test
    void namesTheExpectedCheckDigit() {
        assertThatThrownBy(() -> ACME.parse("CV123456784US"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tracking number 'CV123456784US' has a wrong check digit: expected 5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CV12345678US", "CV1234567855US", "C1123456785US", "CV123456785U1", "CV12345678XUS", "123456785"})
    void rejectsWhatIsNotAnS10NumberWithAnExampleOfTheIssuers(String text) {
        assertThatThrownBy(() -> ACME.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tracking number '" + text + "' is not a UPU S10 number: expected 2 letters, 8 digits, "
                        + "a check digit and 2 letters, such as CV100000003US");
    }

    @Test
    void abbreviatesALongTextInTheMessage() {
        assertThatThrownBy(() -> ACME.parse("X".repeat(500)))
                .hasMessageStartingWith("tracking number '" + "X".repeat(20) + "…' is not a UPU S10 number");
    }

    @Test
    void refusesSerialsThatDoNotFitEightDigitsNamingTheSequence() {
        assertThatThrownBy(() -> ACME.issue(100_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serial 100000000 does not fit the 8 digits")
                .hasMessageContaining("the logistics_tracking_serial sequence is exhausted");
        assertThatThrownBy(() -> ACME.issue(-1)).hasMessageContaining("serial -1 does not fit the 8 digits");
    }

    @Test
    void refusesAnIssuerThatIsNotTwoLettersAndACountry() {
        assertThatThrownBy(() -> new TrackingNumber.Issuer("C1", "US", "seq")).hasMessageContaining("two upper-case letters");
    }

    @Test
    void theConstraintSaysWhatIsWrongAndLeavesNullAndBlankToNotBlank() {
        Validator validator = VALIDATION.getValidator();

        assertThat(validator.validate(new Scan(" cv100000003us "))).isEmpty();
        assertThat(validator.validate(new Scan(null))).isEmpty();
        assertThat(validator.validate(new Scan(" "))).isEmpty();
        assertThat(validator.validate(new Scan("CV100000004US"))).extracting(ConstraintViolation::getMessage)
                .containsExactly("tracking number 'CV100000004US' has a wrong check digit: expected 3");
        assertThat(validator.validate(new Scan("${1+1}{x}"))).extracting(ConstraintViolation::getMessage)
                .containsExactly("tracking number '${1+1}{x}' is not a UPU S10 number: expected 2 letters, 8 digits, "
                        + "a check digit and 2 letters, such as CV100000003US");
    }
}
