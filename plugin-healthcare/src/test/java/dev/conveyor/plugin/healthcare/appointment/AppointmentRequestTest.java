package dev.conveyor.plugin.healthcare.appointment;

import static dev.conveyor.plugin.healthcare.Fixtures.patient;
import static dev.conveyor.plugin.healthcare.Fixtures.preference;
import static dev.conveyor.plugin.healthcare.Fixtures.request;
import static dev.conveyor.testkit.unit.Constraints.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.plugin.healthcare.scheduling.PreferredSlot;
import dev.conveyor.sdk.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An appointment request's annotations (checked by the platform) and the management stage's {@link RequestRules}. */
final class AppointmentRequestTest {

    /** Noon UTC on 1 March 2026, when it is already 2 March in Kiribati (UTC+14). */
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void acceptsAWellFormedRequest() {
        assertThat(violations(request())).isEmpty();
        assertThat(RequestRules.check(request(), NOW, Fixtures.settings())).isEmpty();
    }

    @Test
    void acceptsARequestWithOnlyAPhoneAndNeitherClinicsNorReason() {
        Patient patient = new Patient("P-1", "Jane Doe", null, "+44 20 7946 0958", LocalDate.of(1980, 4, 23));
        AppointmentRequest request = new AppointmentRequest("REQ-1", patient, request().preferences(), null, null);

        assertThat(violations(request)).isEmpty();
        assertThat(RequestRules.check(request, NOW, Fixtures.settings())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "REQ 1", "REQ/1", "RÉQ-1"})
    void reportsAMalformedRequestId(String requestId) {
        assertThat(violations(withRequestId(requestId))).extracting(Violation::field).containsExactly("requestId");
    }

    @Test
    void reportsARequestIdLongerThan64Characters() {
        assertThat(violations(withRequestId("a".repeat(65)))).containsExactly(
                new Violation("requestId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"));
    }

    @Test
    void reportsAMissingPatient() {
        assertThat(violations(withPatient(null))).containsExactly(
                new Violation("patient", "is required; give patientId, name, dateOfBirth and an email or phone"));
    }

    @Test
    void reportsEveryMissingPatientField() {
        assertThat(violations(withPatient(new Patient(null, " ", null, null, null)))).containsExactly(
                new Violation("patient.dateOfBirth", "is required: a date such as 1980-04-23"),
                new Violation("patient.name", "is required"),
                new Violation("patient.patientId", "is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane", "jane@", "@example.com", "jane@example", "jane doe@example.com", "jane@@example.com"})
    void reportsAnImplausibleEmailWithoutRepeatingIt(String email) {
        assertThat(violations(withPatient(new Patient("P-1", "Jane Doe", email, null, LocalDate.of(1980, 4, 23)))))
                .containsExactly(new Violation("patient.email", "is not an e-mail address such as jane@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "call me", "+1 212 555 0100 ext 5", "+1234567890123456"})
    void reportsAnImplausiblePhone(String phone) {
        assertThat(violations(withPatient(new Patient("P-1", "Jane Doe", null, phone, LocalDate.of(1980, 4, 23)))))
                .containsExactly(new Violation("patient.phone", "is not a phone number of 7 to 15 digits such as +1 212 555 0100"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 212 555 0100", "(212) 555-0100", "+44.20.7946.0958", "0612345678"})
    void acceptsPlausiblePhones(String phone) {
        assertThat(violations(withPatient(new Patient("P-1", "Jane Doe", null, phone, LocalDate.of(1980, 4, 23))))).isEmpty();
    }

    @Test
    void reportsMissingAndTooManyPreferences() {
        List<PreferredSlot> eleven = Collections.nCopies(11, preference("2026-03-03", "09:00", "12:00"));
        Violation rule = new Violation("preferences", "must list 1 to 10 preferred slots, each with date, from and to");

        assertThat(violations(withPreferences(null))).containsExactly(rule);
        assertThat(violations(withPreferences(List.of()))).containsExactly(rule);
        assertThat(violations(withPreferences(eleven))).containsExactly(rule);
    }

    @Test
    void reportsEachIncompletePreferenceByItsIndex() {
        List<PreferredSlot> preferences = Arrays.asList(
                preference("2026-03-03", "09:00", "12:00"),
                null,
                new PreferredSlot(null, null, null));

        assertThat(violations(withPreferences(preferences))).containsExactly(
                new Violation("preferences[1]", "is null; give date, from and to"),
                new Violation("preferences[2].date", "is required: a date such as 2026-03-03"),
                new Violation("preferences[2].from", "is required: the earliest start, such as 09:00"),
                new Violation("preferences[2].to", "is required: the latest end, such as 12:00"));
    }

    @Test
    void reportsMalformedClinicPreferencesAndALongReason() {
        AppointmentRequest request = new AppointmentRequest("REQ-1", patient(), request().preferences(),
                Arrays.asList("downtown", " ", "up town", null), "x".repeat(501));

        assertThat(violations(request)).containsExactly(
                new Violation("clinicPreferences[1]", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"),
                new Violation("clinicPreferences[2]", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"),
                new Violation("clinicPreferences[3]", "is required"),
                new Violation("reason", "must be at most 500 characters"));
        assertThat(violations(withClinics(Collections.nCopies(11, "x")))).extracting(Violation::field)
                .containsExactly("clinicPreferences");
    }

    @Test
    void wantsAContactThePatientCanBeToldThrough() {
        Patient unreachable = new Patient("P-1", "Jane Doe", null, null, LocalDate.of(1980, 4, 23));

        assertThat(RequestRules.check(withPatient(unreachable), NOW, Fixtures.settings())).containsExactly(
                new Violation("patient", "needs an email or a phone, so the patient can be told about the appointment"));
    }

    @Test
    void takesADateOfBirthThatIsTodaySomewhereButNotOneInTheFuture() {
        assertThat(RequestRules.check(withDateOfBirth(LocalDate.of(2026, 3, 2)), NOW, Fixtures.settings())).isEmpty();
        assertThat(RequestRules.check(withDateOfBirth(LocalDate.of(2026, 3, 3)), NOW, Fixtures.settings()))
                .containsExactly(new Violation("patient.dateOfBirth", "is in the future"));
        assertThat(RequestRules.check(withDateOfBirth(LocalDate.of(1870, 1, 1)), NOW, Fixtures.settings()))
                .containsExactly(new Violation("patient.dateOfBirth", "is more than 150 years ago; check the year"));
    }

    @Test
    void wantsEachPreferenceToEndAfterItStarts() {
        List<PreferredSlot> preferences = List.of(
                preference("2026-03-03", "09:00", "12:00"),
                preference("2026-03-03", "12:00", "09:00"),
                new PreferredSlot(LocalDate.of(2026, 3, 3), LocalTime.of(9, 0), LocalTime.of(9, 0)));

        assertThat(RequestRules.check(withPreferences(preferences), NOW, Fixtures.settings())).containsExactly(
                new Violation("preferences[1].to", "must be after from (12:00), was 09:00"),
                new Violation("preferences[2].to", "must be after from (09:00), was 09:00"));
    }

    @Test
    void wantsThePreferredClinicsToBeTheTenants() {
        assertThat(RequestRules.check(withClinics(List.of("uptown", "nowhere")), NOW, Fixtures.settings())).containsExactly(
                new Violation("clinicPreferences[1]", "'nowhere' is not one of the clinics (downtown, uptown)"));
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
