package dev.conveyor.plugin.healthcare.appointment;

import static dev.conveyor.plugin.healthcare.Fixtures.patient;
import static dev.conveyor.plugin.healthcare.Fixtures.preference;
import static dev.conveyor.plugin.healthcare.Fixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.scheduling.PreferredSlot;
import dev.conveyor.sdk.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class AppointmentRequestValidatorTest {

    /** Noon UTC on 1 March 2026, when it is already 2 March in Kiribati (UTC+14). */
    private final AppointmentRequestValidator validator =
            new AppointmentRequestValidator(Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void acceptsAWellFormedRequest() {
        assertThat(validator.validate(request())).isEmpty();
    }

    @Test
    void acceptsARequestWithOnlyAPhoneAndNeitherClinicsNorReason() {
        Patient patient = new Patient("P-1", "Jane Doe", null, "+44 20 7946 0958", LocalDate.of(1980, 4, 23));

        assertThat(validator.validate(new AppointmentRequest("REQ-1", patient, request().preferences(), null, null))).isEmpty();
    }

    @Test
    void reportsAMissingRequest() {
        assertThat(validator.validate(null)).extracting(Violation::field).containsExactly("$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "REQ 1", "REQ/1", "RÉQ-1"})
    void reportsAMalformedRequestId(String requestId) {
        assertThat(validator.validate(withRequestId(requestId))).extracting(Violation::field).containsExactly("requestId");
    }

    @Test
    void reportsARequestIdLongerThan64Characters() {
        assertThat(validator.validate(withRequestId("a".repeat(65)))).containsExactly(
                new Violation("requestId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"));
    }

    @Test
    void reportsAMissingPatient() {
        assertThat(validator.validate(withPatient(null))).containsExactly(
                new Violation("patient", "is required; give patientId, name, dateOfBirth and an email or phone"));
    }

    @Test
    void reportsEveryMissingPatientField() {
        assertThat(validator.validate(withPatient(new Patient(null, " ", null, "", null)))).containsExactly(
                new Violation("patient.patientId", "is required"),
                new Violation("patient.name", "is required"),
                new Violation("patient", "needs an email or a phone, so the patient can be told about the appointment"),
                new Violation("patient.dateOfBirth", "is required: a date such as 1980-04-23"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane", "jane@", "@example.com", "jane@example", "jane doe@example.com", "jane@@example.com"})
    void reportsAnImplausibleEmailWithoutRepeatingIt(String email) {
        List<Violation> violations = validator.validate(withPatient(new Patient("P-1", "Jane Doe", email, null, LocalDate.of(1980, 4, 23))));

        assertThat(violations).containsExactly(new Violation("patient.email", "is not an e-mail address such as jane@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "call me", "+1 212 555 0100 ext 5", "+1234567890123456"})
    void reportsAnImplausiblePhone(String phone) {
        assertThat(validator.validate(withPatient(new Patient("P-1", "Jane Doe", null, phone, LocalDate.of(1980, 4, 23)))))
                .containsExactly(new Violation("patient.phone", "is not a phone number of 7 to 15 digits such as +1 212 555 0100"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 212 555 0100", "(212) 555-0100", "+44.20.7946.0958", "0612345678"})
    void acceptsPlausiblePhones(String phone) {
        assertThat(validator.validate(withPatient(new Patient("P-1", "Jane Doe", null, phone, LocalDate.of(1980, 4, 23))))).isEmpty();
    }

    @Test
    void takesADateOfBirthThatIsTodaySomewhereButNotOneInTheFuture() {
        assertThat(validator.validate(withDateOfBirth(LocalDate.of(2026, 3, 2)))).isEmpty();
        assertThat(validator.validate(withDateOfBirth(LocalDate.of(2026, 3, 3))))
                .containsExactly(new Violation("patient.dateOfBirth", "is in the future"));
        assertThat(validator.validate(withDateOfBirth(LocalDate.of(1870, 1, 1))))
                .containsExactly(new Violation("patient.dateOfBirth", "is more than 150 years ago; check the year"));
    }

    @Test
    void reportsMissingAndTooManyPreferences() {
        List<PreferredSlot> eleven = Collections.nCopies(11, preference("2026-03-03", "09:00", "12:00"));

        assertThat(validator.validate(withPreferences(null))).containsExactly(
                new Violation("preferences", "must list 1 to 10 preferred slots, each with date, from and to"));
        assertThat(validator.validate(withPreferences(List.of()))).extracting(Violation::field).containsExactly("preferences");
        assertThat(validator.validate(withPreferences(eleven))).containsExactly(
                new Violation("preferences", "has 11 preferred slots; at most 10 are allowed"));
    }

    @Test
    void reportsEachBadPreferenceByItsIndex() {
        List<PreferredSlot> preferences = Arrays.asList(
                preference("2026-03-03", "09:00", "12:00"),
                null,
                new PreferredSlot(null, null, null),
                preference("2026-03-03", "12:00", "09:00"),
                new PreferredSlot(LocalDate.of(2026, 3, 3), LocalTime.of(9, 0), LocalTime.of(9, 0)));

        assertThat(validator.validate(withPreferences(preferences))).containsExactly(
                new Violation("preferences[1]", "is null; give date, from and to"),
                new Violation("preferences[2].date", "is required: a date such as 2026-03-03"),
                new Violation("preferences[2].from", "is required: the earliest start, such as 09:00"),
                new Violation("preferences[2].to", "is required: the latest end, such as 12:00"),
                new Violation("preferences[3].to", "must be after from (12:00), was 09:00"),
                new Violation("preferences[4].to", "must be after from (09:00), was 09:00"));
    }

    @Test
    void reportsBadClinicPreferences() {
        List<String> clinics = Arrays.asList("downtown", " ", "up town", "downtown", null);

        assertThat(validator.validate(withClinics(clinics))).containsExactly(
                new Violation("clinicPreferences[1]", "is blank; give a clinic id such as downtown"),
                new Violation("clinicPreferences[2]", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"),
                new Violation("clinicPreferences[3]", "'downtown' is listed twice"),
                new Violation("clinicPreferences[4]", "is blank; give a clinic id such as downtown"));
        assertThat(validator.validate(withClinics(Collections.nCopies(11, "x")))).extracting(Violation::field)
                .startsWith("clinicPreferences");
    }

    @Test
    void reportsAReasonLongerThan500CharactersWithoutRepeatingIt() {
        AppointmentRequest request = new AppointmentRequest("REQ-1", patient(), request().preferences(), null, "x".repeat(501));

        assertThat(validator.validate(request)).containsExactly(
                new Violation("reason", "has 501 characters; at most 500 are allowed"));
        assertThat(validator.validate(new AppointmentRequest("REQ-1", patient(), request().preferences(), null, "x".repeat(500))))
                .isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceAndNeverThrowsOnNulls() {
        List<PreferredSlot> preferences = new ArrayList<>();
        preferences.add(null);

        assertThat(validator.validate(new AppointmentRequest(null, null, null, null, null))).extracting(Violation::field)
                .containsExactly("requestId", "patient", "preferences");
        assertThat(validator.validate(new AppointmentRequest("bad id", new Patient(null, null, "nope", null, null), preferences,
                List.of(""), "y".repeat(501)))).extracting(Violation::field).containsExactly(
                "requestId", "patient.patientId", "patient.name", "patient.email", "patient.dateOfBirth", "preferences[0]",
                "clinicPreferences[0]", "reason");
    }

    private static AppointmentRequest withRequestId(String requestId) {
        AppointmentRequest valid = request();
        return new AppointmentRequest(requestId, valid.patient(), valid.preferences(), valid.clinicPreferences(), valid.reason());
    }

    private static AppointmentRequest withPatient(Patient patient) {
        AppointmentRequest valid = request();
        return new AppointmentRequest(valid.requestId(), patient, valid.preferences(), valid.clinicPreferences(), valid.reason());
    }

    private static AppointmentRequest withDateOfBirth(LocalDate dateOfBirth) {
        Patient valid = patient();
        return withPatient(new Patient(valid.patientId(), valid.name(), valid.email(), valid.phone(), dateOfBirth));
    }

    private static AppointmentRequest withPreferences(List<PreferredSlot> preferences) {
        AppointmentRequest valid = request();
        return new AppointmentRequest(valid.requestId(), valid.patient(), preferences, valid.clinicPreferences(), valid.reason());
    }

    private static AppointmentRequest withClinics(List<String> clinics) {
        AppointmentRequest valid = request();
        return new AppointmentRequest(valid.requestId(), valid.patient(), valid.preferences(), clinics, valid.reason());
    }
}
