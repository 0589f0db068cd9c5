package dev.conveyor.plugin.ecommerce.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.ConfigProperty;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.Violation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class EcommerceSettingsTest {

    private static TenantConfig config(Map<String, String> values) {
        return new TenantConfig(EcommerceSettings.PROPERTIES, values);
    }

    @Test
    void declaresItsPropertiesWithDefaults() {
        assertThat(EcommerceSettings.PROPERTIES).extracting(ConfigProperty::name)
                .containsExactly("warehouses", "carrierName", "trackingUrlBase", "backorderPolicy");
        assertThat(EcommerceSettings.PROPERTIES).extracting(ConfigProperty::type).containsExactly(ConfigProperty.Type.STRING_LIST,
                ConfigProperty.Type.STRING, ConfigProperty.Type.URL, ConfigProperty.Type.STRING);
        assertThat(EcommerceSettings.PROPERTIES).extracting(ConfigProperty::defaultValue)
                .containsExactly(null, "Conveyor Parcel", "https://track.example.com/", "REJECT");
        assertThat(EcommerceSettings.PROPERTIES.get(0).required()).isTrue();
    }

    @Test
    void readsATenantsSettingsOverTheDefaults() {
        EcommerceSettings settings = EcommerceSettings.of(config(Map.of("warehouses", "east, west", "backorderPolicy", "BACKORDER")));

        assertThat(settings).isEqualTo(new EcommerceSettings(List.of("east", "west"), "Conveyor Parcel",
                "https://track.example.com/", BackorderPolicy.BACKORDER));
        assertThat(settings.trackingUrl("EC123456785US")).isEqualTo("https://track.example.com/EC123456785US");
        assertThat(settings.preferenceOf("west")).isEqualTo(1);
        assertThat(settings.preferenceOf("north")).isEqualTo(2);
    }

    @Test
    void acceptsAValidConfiguration() {
        assertThat(EcommerceSettings.validate(config(Map.of("warehouses", "east,west", "carrierName", "Speedy",
                "trackingUrlBase", "https://speedy.example/t?n=", "backorderPolicy", "REJECT")))).isEmpty();
    }

    @Test
    void reportsEveryRuleTheTypesCannotCheck() {
        assertThat(EcommerceSettings.validate(config(Map.of("warehouses", "east,we st,east", "carrierName", " ",
                "backorderPolicy", "WAIT")))).containsExactly(
                new Violation("config.warehouses", "warehouse 'we st' must be 1 to 32 letters, digits, '.', '_' or '-', starting "
                        + "with a letter or digit"),
                new Violation("config.warehouses", "names warehouse 'east' twice; list each once, in order of preference"),
                new Violation("config.carrierName", "must not be blank; it is printed on every label"),
                new Violation("config.backorderPolicy", "must be BACKORDER or REJECT, was 'WAIT'"));
    }

    @Test
    void wantsAtLeastOneWarehouseAndACarrierNameThatFitsTheLabel() {
        assertThat(EcommerceSettings.validate(config(Map.of("warehouses", " , ", "carrierName", "C".repeat(41))))).containsExactly(
                new Violation("config.warehouses", "must name at least one warehouse, such as east,west"),
                new Violation("config.carrierName", "has 41 characters; at most 40 fit on a label"));
    }

    @Test
    void refusesToReadAnInvalidConfiguration() {
        assertThatThrownBy(() -> EcommerceSettings.of(config(Map.of("warehouses", "east", "backorderPolicy", "later"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("config.backorderPolicy: must be BACKORDER or REJECT, was 'later'");
    }

    @Test
    void passesThePlatformsTypeChecks() {
        assertThat(TenantConfig.check(EcommerceSettings.PROPERTIES, Map.of("warehouses", "east"))).isEmpty();
        assertThat(TenantConfig.check(EcommerceSettings.PROPERTIES, Map.of())).extracting(Violation::field)
                .containsExactly("config.warehouses");
    }
}
