package dev.conveyor.plugin.healthcare.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.healthcare.Fixtures;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.Violation;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class HealthcareSettingsTest {

    @Test
    void readsTheClinicsAndAppliesTheDefaults() {
        HealthcareSettings settings = HealthcareSettings.of(config(Map.of("clinics", Fixtures.CLINICS_JSON)));

        assertThat(settings.clinics()).containsExactly(Fixtures.downtown());
        assertThat(settings.systemsOfRecord()).isEmpty();
        assertThat(settings.reminderLeadTime()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.notificationChannels()).containsExactly(NotificationChannel.EMAIL, NotificationChannel.SMS);
        assertThat(settings.clinic("downtown")).contains(Fixtures.downtown());
        assertThat(settings.clinic("uptown")).isEmpty();
    }

    @Test
    void readsEverySetting() {
        HealthcareSettings settings = HealthcareSettings.of(config(Map.of(
                "clinics", Fixtures.CLINICS_JSON,
                "systemsOfRecord", """
                        [{"name": "ehr", "url": "https://ehr.example.com/hooks/appointments", "secret": "s3cret"},
                         {"name": "test-receiver", "url": "http://127.0.0.1:8089/hooks", "secret": "t"}]""",
                "reminderLeadTime", "90m",
                "notificationChannels", "sms")));

        assertThat(settings.systemsOfRecord()).containsExactly(
                new SystemOfRecord("ehr", URI.create("https://ehr.example.com/hooks/appointments"), "s3cret"),
                new SystemOfRecord("test-receiver", URI.create("http://127.0.0.1:8089/hooks"), "t"));
        assertThat(settings.reminderLeadTime()).isEqualTo(Duration.ofMinutes(90));
        assertThat(settings.notificationChannels()).containsExactly(NotificationChannel.SMS);
    }

    @Test
    void acceptsFullDayNamesAndTrimsBlanks() {
        List<Clinic> clinics = HealthcareSettings.of(config(Map.of("clinics", """
                [{"id": "night", "name": " Night Clinic ", "address": "2 Dark Ln", "timeZone": "Europe/Berlin",
                  "opens": "00:00", "closes": "06:00", "days": ["saturday", "Sun"], "slotMinutes": 60, "capacity": 1}]
                """))).clinics();

        assertThat(clinics).singleElement().satisfies(clinic -> {
            assertThat(clinic.name()).isEqualTo("Night Clinic");
            assertThat(clinic.days()).containsExactlyInAnyOrder(java.time.DayOfWeek.SATURDAY, java.time.DayOfWeek.SUNDAY);
        });
    }

    @Test
    void reportsEveryProblemOfEveryClinicWithItsPath() {
        List<Violation> violations = HealthcareSettings.validate(config(Map.of("clinics", """
                [{"id": "downtown", "name": "Downtown Clinic", "address": "1 Main St", "timeZone": "America/NewYork",
                  "opens": "08:00", "closes": "07:00", "days": ["MON", "FUN"], "slotMinutes": 30, "capacity": 0},
                 {"id": "downtown", "name": " ", "address": "2 Main St", "timeZone": "UTC", "opens": "8am",
                  "closes": "17:00", "days": [], "slotMinutes": "30", "capacity": 2, "capcity": 3},
                 "uptown"]
                """)));

        assertThat(violations).extracting(Violation::field).containsExactly(
                "config.clinics[0].timeZone",
                "config.clinics[0].closes",
                "config.clinics[0].days[1]",
                "config.clinics[0].capacity",
                "config.clinics[1].capcity",
                "config.clinics[1].id",
                "config.clinics[1].name",
                "config.clinics[1].opens",
                "config.clinics[1].days",
                "config.clinics[1].slotMinutes",
                "config.clinics[2]");
        assertThat(violations).contains(
                new Violation("config.clinics[0].timeZone",
                        "'America/NewYork' is not a time zone; give an IANA name such as America/New_York"),
                new Violation("config.clinics[0].closes",
                        "is 07:00, not after opens 08:00; opening hours are one stretch within a day"),
                new Violation("config.clinics[0].capacity", "must be at least 1 (how many patients one slot takes), was 0"),
                new Violation("config.clinics[1].id", "'downtown' is also the id of config.clinics[0]; clinic ids must be unique"),
                new Violation("config.clinics[1].capcity", "is not a setting of a clinic (settings: id, name, address, timeZone, "
                        + "opens, closes, days, slotMinutes, capacity)"));
    }

    @Test
    void reportsASlotLongerThanTheOpeningHours() {
        List<Violation> violations = HealthcareSettings.validate(config(Map.of("clinics", """
                [{"id": "a", "name": "A", "address": "1 A St", "timeZone": "UTC", "opens": "08:00", "closes": "09:00",
                  "days": ["MON"], "slotMinutes": 90, "capacity": 1}]""")));

        assertThat(violations).containsExactly(new Violation("config.clinics[0].slotMinutes",
                "is 90, longer than the opening hours 08:00-09:00, so no appointment would fit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{}", "[1, 2", "\"downtown\""})
    void reportsClinicsThatAreNotAListOfClinics(String json) {
        assertThat(HealthcareSettings.validate(config(Map.of("clinics", json)))).extracting(Violation::field)
                .containsExactly("config.clinics");
    }

    @Test
    void leavesAMissingClinicsSettingToThePlatformButRefusesToRunWithoutOne() {
        TenantConfig config = config(Map.of());

        assertThat(HealthcareSettings.validate(config)).isEmpty();
        assertThatThrownBy(() -> HealthcareSettings.of(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("config.clinics: is required");
    }

    @Test
    void reportsEveryProblemOfTheSystemsOfRecord() {
        List<Violation> violations = HealthcareSettings.validate(config(Map.of("clinics", Fixtures.CLINICS_JSON,
                "systemsOfRecord", """
                        [{"name": "ehr", "url": "http://ehr.example.com/hooks", "secret": ""},
                         {"name": "ehr", "url": "https://billing.example.com/hooks", "secret": "s"},
                         {"name": "local", "url": "http://localhost:8089/hooks", "secret": "s"},
                         {"name": "loopback", "url": "http://127.0.0.1:8089/hooks", "secret": "s"},
                         {"name": "Bad Name", "url": "ftp://files.example.com", "secret": 42},
                         {"name": "creds", "url": "https://user:pw@ehr.example.com/hooks"}]""")));

        assertThat(violations).containsExactly(
                new Violation("config.systemsOfRecord[0].url",
                        "must use https; plain http is allowed only for localhost and 127.0.0.1 (tests), not for ehr.example.com"),
                new Violation("config.systemsOfRecord[0].secret",
                        "is required: the shared secret requests to this system are signed with (X-Conveyor-Signature)"),
                new Violation("config.systemsOfRecord[1].name", "'ehr' is also the name of config.systemsOfRecord[0]; names must be unique"),
                new Violation("config.systemsOfRecord[4].name", "must be a lower-case slug such as ehr or billing-v2"),
                new Violation("config.systemsOfRecord[4].url",
                        "must be an absolute https URL such as https://ehr.example.com/hooks/appointments"),
                new Violation("config.systemsOfRecord[4].secret", "must be a string"),
                new Violation("config.systemsOfRecord[5].url", "must not carry credentials; requests are signed with the secret instead"),
                new Violation("config.systemsOfRecord[5].secret",
                        "is required: the shared secret requests to this system are signed with (X-Conveyor-Signature)"));
    }

    @Test
    void neverRepeatsASecretInAViolation() {
        List<Violation> violations = HealthcareSettings.validate(config(Map.of("clinics", Fixtures.CLINICS_JSON,
                "systemsOfRecord", "[{\"name\": \"ehr\", \"secret\": topsecret, \"url\": \"https://ehr.example.com\"}]")));

        assertThat(violations).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("config.systemsOfRecord");
            assertThat(violation.message()).startsWith("is not valid JSON (line 1, column ").doesNotContain("topsecret");
        });
        assertThat(new SystemOfRecord("ehr", URI.create("https://ehr.example.com"), "topsecret").toString())
                .doesNotContain("topsecret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "PT-1H", "soon"})
    void reportsALeadTimeThatIsNotAPositiveDuration(String leadTime) {
        assertThat(HealthcareSettings.validate(config(Map.of("clinics", Fixtures.CLINICS_JSON, "reminderLeadTime", leadTime))))
                .extracting(Violation::field).containsExactly("config.reminderLeadTime");
    }

    @Test
    void reportsUnknownAndMissingChannels() {
        assertThat(HealthcareSettings.validate(config(Map.of("clinics", Fixtures.CLINICS_JSON, "notificationChannels", "EMAIL,FAX"))))
                .containsExactly(new Violation("config.notificationChannels", "'FAX' is not a channel (channels: EMAIL, SMS)"));
        assertThat(HealthcareSettings.validate(config(Map.of("clinics", Fixtures.CLINICS_JSON, "notificationChannels", " "))))
                .containsExactly(new Violation("config.notificationChannels", "must name at least one channel: EMAIL, SMS"));
    }

    @Test
    void refusesToRunOnInvalidSettingsNamingEveryProblem() {
        Map<String, String> values = new HashMap<>();
        values.put("clinics", Fixtures.CLINICS_JSON.replace("\"capacity\": 2", "\"capacity\": 0"));
        values.put("reminderLeadTime", "0s");

        assertThatThrownBy(() -> HealthcareSettings.of(config(values)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("config.clinics[0].capacity: must be at least 1")
                .hasMessageContaining("config.reminderLeadTime: must be more than zero");
    }

    private static TenantConfig config(Map<String, String> values) {
        return new TenantConfig(HealthcareSettings.PROPERTIES, values);
    }
}
