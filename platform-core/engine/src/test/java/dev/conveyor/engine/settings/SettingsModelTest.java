package dev.conveyor.engine.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Setting;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class SettingsModelTest {

    enum Channel { EMAIL, SMS }

    record Clinic(@Setting(help = "the clinic's name") @NotBlank String name,
            @Setting(help = "appointments at once", defaultValue = "1") @Min(1) int capacity) {
    }

    record Clinics(
            @Setting(help = "the clinics, in order of preference") @NotEmpty @Valid List<Clinic> clinics,
            @Setting(help = "warehouses by preference", defaultValue = "east") List<String> warehouses,
            @Setting(help = "how long before the appointment", defaultValue = "24h") Duration reminderLeadTime,
            @Setting(help = "how patients are told", defaultValue = "EMAIL") List<Channel> channels,
            @Setting(help = "where to post", secret = true) URI webhook,
            @Setting(help = "whether to sign") boolean sign) {
    }

    static final class ClinicsPlugin implements DomainPlugin<Clinics> {
        private static final Stage<String> STAGE = Stage.of("work", Queue.of("Work", "test.work.v1", String.class));

        @Override
        public String id() {
            return "clinics";
        }

        @Override
        public Topology topology() {
            return Topology.of(STAGE);
        }

        @Override
        public Class<Clinics> settingsType() {
            return Clinics.class;
        }

        @Override
        public List<Violation> validateSettings(Clinics settings) {
            return settings.sign() && settings.webhook() == null
                    ? List.of(new Violation("webhook", "is required when sign is true")) : List.of();
        }

        @Override
        public Handlers handlers(Clinics settings) {
            return Handlers.builder().on(STAGE, (message, context) -> {
            }).build();
        }
    }

    private final SettingsModel<Clinics> model = SettingsModel.of(new ClinicsPlugin());

    @Test
    void defaultsFillWhatTheTenantLeavesOutAtEveryLevel() {
        Clinics settings = model.bind(Map.of("clinics", List.of(Map.of("name", "Main"))));

        assertThat(settings.clinics()).containsExactly(new Clinic("Main", 1));
        assertThat(settings.warehouses()).containsExactly("east");
        assertThat(settings.reminderLeadTime()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.channels()).containsExactly(Channel.EMAIL);
        assertThat(settings.webhook()).isNull();
    }

    @Test
    void compatibilityFormsReadAsTheirTypes() {
        Clinics settings = model.bind(Map.of(
                "clinics", "[{\"name\": \"Main\", \"capacity\": \"3\"}]",
                "warehouses", "east, west,",
                "reminderLeadTime", "500ms",
                "channels", "EMAIL,SMS",
                "sign", "true",
                "webhook", "https://example.com/hook"));

        assertThat(settings.clinics()).containsExactly(new Clinic("Main", 3));
        assertThat(settings.warehouses()).containsExactly("east", "west");
        assertThat(settings.reminderLeadTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.channels()).containsExactly(Channel.EMAIL, Channel.SMS);
        assertThat(settings.sign()).isTrue();
        assertThat(model.bind(Map.of("clinics", "[{\"name\": \"A\"}]", "reminderLeadTime", "PT2H", "channels",
                List.of("SMS"), "warehouses", List.of("north"))).reminderLeadTime()).isEqualTo(Duration.ofHours(2));
        assertThat(model.bind(Map.of("clinics", "[{\"name\": \"A\"}]", "reminderLeadTime", "7d")).reminderLeadTime())
                .isEqualTo(Duration.ofDays(7));
    }

    @Test
    void everyProblemIsNamedAtItsConfigPath() {
        assertThat(model.check(Map.of("clinics", List.of(Map.of("name", " ", "capacity", 0), Map.of("name", "B")))))
                .extracting(Violation::field)
                .containsExactly("config.clinics[0].capacity", "config.clinics[0].name");
        assertThat(model.check(Map.of())).extracting(Violation::field).containsExactly("config.clinics");
        assertThat(model.check(Map.of("clinics", "[{\"name\": \"A\"}]", "reminderLeadTime", "soon")))
                .singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("config.reminderLeadTime");
                    assertThat(violation.message()).contains("24h");
                });
        assertThat(model.check(Map.of("clinics", "[{\"name\": \"A\"}]", "channels", "EMAIL,PIGEON")))
                .singleElement().extracting(Violation::field).isEqualTo("config.channels[1]");
        assertThat(model.check(Map.of("clinics", "not json")))
                .singleElement().extracting(Violation::field).isEqualTo("config.clinics");
    }

    @Test
    void unknownNamesAreRefusedNamingTheKnownOnes() {
        assertThat(model.check(Map.of("clinics", "[{\"name\": \"A\", \"colour\": \"red\"}]", "colour", "red")))
                .extracting(Violation::toString)
                .containsExactlyInAnyOrder("config.clinics[0].colour: is not a setting here (settings: capacity, name)",
                        "config.colour: is not a setting of this plugin (settings: channels, clinics, reminderLeadTime,"
                                + " sign, warehouses, webhook)");
    }

    @Test
    void thePluginsOwnRulesRunAfterBeanValidation() {
        assertThatThrownBy(() -> model.bind(Map.of("clinics", "[{\"name\": \"A\"}]", "sign", true)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("config.webhook: is required when sign is true");
    }

    @Test
    void thePropertyListIsDerivedFromTheRecord() {
        List<SettingProperty> properties = model.properties();

        assertThat(properties).extracting(SettingProperty::name)
                .containsExactly("clinics", "warehouses", "reminderLeadTime", "channels", "webhook", "sign");
        SettingProperty clinics = properties.getFirst();
        assertThat(clinics.type()).isEqualTo(SettingProperty.Type.LIST);
        assertThat(clinics.required()).isTrue();
        assertThat(clinics.help()).isEqualTo("the clinics, in order of preference");
        assertThat(clinics.items().type()).isEqualTo(SettingProperty.Type.OBJECT);
        assertThat(clinics.items().properties()).extracting(SettingProperty::name, SettingProperty::type,
                SettingProperty::defaultValue, SettingProperty::required)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("name", SettingProperty.Type.STRING, null, true),
                        org.assertj.core.groups.Tuple.tuple("capacity", SettingProperty.Type.INTEGER, "1", false));
        assertThat(properties.get(1).items().type()).isEqualTo(SettingProperty.Type.STRING);
        assertThat(properties.get(2).type()).isEqualTo(SettingProperty.Type.DURATION);
        assertThat(properties.get(2).defaultValue()).isEqualTo("24h");
        assertThat(properties.get(3).items().options()).containsExactly("EMAIL", "SMS");
        assertThat(properties.get(4).type()).isEqualTo(SettingProperty.Type.URL);
        assertThat(properties.get(4).secret()).isTrue();
        assertThat(properties.get(5).type()).isEqualTo(SettingProperty.Type.BOOLEAN);
    }

    @Test
    void secretSettingsAreNamedForEncryption() {
        assertThat(model.secretNames()).containsExactly("webhook");
    }

    @Test
    void durationsTakeUnitsOrIso8601() {
        assertThat(Durations.parse("30m")).contains(Duration.ofMinutes(30));
        assertThat(Durations.parse("10s")).contains(Duration.ofSeconds(10));
        assertThat(Durations.parse("PT24H")).contains(Duration.ofHours(24));
        assertThat(Durations.parse("tomorrow")).isEmpty();
    }
}
