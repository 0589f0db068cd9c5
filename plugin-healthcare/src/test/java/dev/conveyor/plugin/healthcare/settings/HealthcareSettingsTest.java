package dev.conveyor.plugin.healthcare.settings;

import static dev.conveyor.testkit.unit.Constraints.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.sdk.Violation;
import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/** The settings record as the platform checks it: its annotations, then {@link SettingsRules}. */
final class HealthcareSettingsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void readsTheClinicsAsTenantsWriteThem() {
        HealthcareSettings settings = json.readValue("""
                {"clinics": %s,
                 "systemsOfRecord": [{"name": "ehr", "url": "https://ehr.example.com/hooks/appointments", "secret": "s3cret"},
                                     {"name": "test-receiver", "url": "http://127.0.0.1:8089/hooks", "secret": "t"}],
                 "reminderLeadTime": "PT90M", "notificationChannels": ["SMS"]}""".formatted(Fixtures.CLINICS_JSON),
                HealthcareSettings.class);

        assertThat(settings.clinics()).containsExactly(Fixtures.downtown());
        assertThat(settings.systemsOfRecord()).containsExactly(
                new SystemOfRecord("ehr", URI.create("https://ehr.example.com/hooks/appointments"), "s3cret"),
                new SystemOfRecord("test-receiver", URI.create("http://127.0.0.1:8089/hooks"), "t"));
        assertThat(settings.reminderLeadTime()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.notificationChannels()).containsExactly(NotificationChannel.SMS);
        assertThat(settings.clinic("downtown")).contains(Fixtures.downtown());
        assertThat(settings.clinic("uptown")).isEmpty();
        assertThat(problems(settings)).isEmpty();
    }

    @Test
    void reportsEveryProblemOfEveryClinicWithItsPath() {
        Clinic downtown = Fixtures.downtown();
        List<Clinic> clinics = List.of(
                new Clinic("downtown", "Downtown Clinic", "1 Main St", ZoneId.of("UTC"), LocalTime.of(8, 0), LocalTime.of(7, 0),
                        Fixtures.WEEKDAYS, 30, 0),
                new Clinic("downtown", " ", "2 Main St", ZoneId.of("UTC"), null, LocalTime.of(17, 0), Set.of(), 30, 2),
                new Clinic("up town", downtown.name(), downtown.address(), downtown.timeZone(), downtown.opens(),
                        downtown.closes(), downtown.days(), 0, 2));

        List<Violation> violations = problems(withClinics(clinics));

        assertThat(violations).extracting(Violation::field).containsExactly(
                "clinics[0].capacity",
                "clinics[1].days",
                "clinics[1].name",
                "clinics[1].opens",
                "clinics[2].id",
                "clinics[2].slotMinutes",
                "clinics[0].closes",
                "clinics[1].id");
        assertThat(violations).contains(
                new Violation("clinics[0].closes", "is 07:00, not after opens 08:00; opening hours are one stretch within a day"),
                new Violation("clinics[1].id", "'downtown' is also the id of clinics[0]; clinic ids must be unique"),
                new Violation("clinics[2].id", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"));
    }

    @Test
    void reportsASlotLongerThanTheOpeningHours() {
        Clinic clinic = new Clinic("a", "A", "1 A St", ZoneId.of("UTC"), LocalTime.of(8, 0), LocalTime.of(9, 0),
                EnumSet.of(OpeningDay.MON), 90, 1);

        assertThat(problems(withClinics(List.of(clinic)))).containsExactly(new Violation("clinics[0].slotMinutes",
                "is 90, longer than the opening hours 08:00-09:00, so no appointment would fit"));
    }

    @Test
    void wantsAtLeastOneClinicAndOneChannel() {
        HealthcareSettings valid = Fixtures.settings();

        assertThat(problems(withClinics(List.of())))
                .containsExactly(new Violation("clinics", "must list at least one clinic"));
        assertThat(problems(new HealthcareSettings(valid.clinics(), valid.systemsOfRecord(), valid.reminderLeadTime(), List.of())))
                .containsExactly(new Violation("notificationChannels", "must name at least one channel: EMAIL, SMS"));
    }

    @Test
    void reportsEveryProblemOfTheSystemsOfRecord() {
        List<Violation> violations = problems(Fixtures.settingsSyncingTo(
                new SystemOfRecord("ehr", URI.create("http://ehr.example.com/hooks"), ""),
                new SystemOfRecord("ehr", URI.create("https://billing.example.com/hooks"), "s"),
                new SystemOfRecord("local", URI.create("http://localhost:8089/hooks"), "s"),
                new SystemOfRecord("loopback", URI.create("http://127.0.0.1:8089/hooks"), "s"),
                new SystemOfRecord("Bad Name", URI.create("ftp://files.example.com"), "s"),
                new SystemOfRecord("creds", URI.create("https://user:pw@ehr.example.com/hooks"), null)));

        assertThat(violations).containsExactlyInAnyOrder(
                new Violation("systemsOfRecord[0].url",
                        "must use https; plain http is allowed only for localhost and 127.0.0.1 (tests), not for ehr.example.com"),
                new Violation("systemsOfRecord[0].secret",
                        "is required: the shared secret requests to this system are signed with (X-Conveyor-Signature)"),
                new Violation("systemsOfRecord[1].name", "'ehr' is also the name of systemsOfRecord[0]; names must be unique"),
                new Violation("systemsOfRecord[4].name", "must be a lower-case slug such as ehr or billing-v2"),
                new Violation("systemsOfRecord[4].url",
                        "must be an absolute https URL such as https://ehr.example.com/hooks/appointments"),
                new Violation("systemsOfRecord[5].url", "must not carry credentials; requests are signed with the secret instead"),
                new Violation("systemsOfRecord[5].secret",
                        "is required: the shared secret requests to this system are signed with (X-Conveyor-Signature)"));
    }

    @Test
    void neverRepeatsASecretInAViolationOrItsText() {
        SystemOfRecord system = new SystemOfRecord("ehr", URI.create("http://ehr.example.com"), "topsecret");

        assertThat(problems(Fixtures.settingsSyncingTo(system))).singleElement()
                .satisfies(violation -> assertThat(violation.message()).doesNotContain("topsecret"));
        assertThat(system.toString()).doesNotContain("topsecret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0S", "PT-1H"})
    void reportsALeadTimeThatIsNotPositive(String leadTime) {
        HealthcareSettings valid = Fixtures.settings();

        assertThat(problems(new HealthcareSettings(valid.clinics(), valid.systemsOfRecord(), Duration.parse(leadTime),
                valid.notificationChannels()))).containsExactly(new Violation("reminderLeadTime", "must be more than zero, such as 24h"));
    }

    /** Every problem, as the platform reports them on a settings change: the annotations' first, then the rules'. */
    private static List<Violation> problems(HealthcareSettings settings) {
        List<Violation> problems = new ArrayList<>(violations(settings));
        problems.addAll(SettingsRules.check(settings));
        return problems;
    }

    private static HealthcareSettings withClinics(List<Clinic> clinics) {
        HealthcareSettings valid = Fixtures.settings();
        return new HealthcareSettings(clinics, valid.systemsOfRecord(), valid.reminderLeadTime(), valid.notificationChannels());
    }
}
