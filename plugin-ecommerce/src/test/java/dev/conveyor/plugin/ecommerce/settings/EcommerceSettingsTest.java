package dev.conveyor.plugin.ecommerce.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Setting;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.Constraints;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EcommerceSettingsTest {

    private static final URI TRACKING = URI.create("https://track.example.com/");

    private static List<Violation> violations(EcommerceSettings settings) {
        List<Violation> violations = new ArrayList<>(Constraints.violations(settings));
        violations.addAll(settings.violations());
        return violations;
    }

    @Test
    void declaresItsSettingsWithDefaults() {
        RecordComponent[] components = EcommerceSettings.class.getRecordComponents();

        assertThat(Arrays.stream(components).map(RecordComponent::getName))
                .containsExactly("warehouses", "carrierName", "trackingUrlBase", "backorderPolicy");
        assertThat(Arrays.stream(components).map(RecordComponent::getType).map(Class::getSimpleName))
                .containsExactly("List", "String", "URI", "BackorderPolicy");
        assertThat(Arrays.stream(components).map(component -> component.getAnnotation(Setting.class).defaultValue()))
                .containsExactly("", "Conveyor Parcel", "https://track.example.com/", "REJECT");
    }

    @Test
    void readsATenantsSettings() {
        EcommerceSettings settings = new EcommerceSettings(List.of("east", "west"), " Conveyor Parcel ", TRACKING,
                BackorderPolicy.BACKORDER);

        assertThat(settings.carrierName()).isEqualTo("Conveyor Parcel");
        assertThat(settings.trackingUrl("EC123456785US")).isEqualTo("https://track.example.com/EC123456785US");
        assertThat(settings.preferenceOf("west")).isEqualTo(1);
        assertThat(settings.preferenceOf("north")).isEqualTo(2);
    }

    @Test
    void acceptsAValidConfiguration() {
        assertThat(violations(new EcommerceSettings(List.of("east", "west"), "Speedy", URI.create("https://speedy.example/t?n="),
                BackorderPolicy.REJECT))).isEmpty();
    }

    @Test
    void reportsEveryRule() {
        assertThat(violations(new EcommerceSettings(List.of("east", "we st", "east"), " ", TRACKING, null))).containsExactly(
                new Violation("backorderPolicy", "must not be null"),
                new Violation("carrierName", "must not be blank; it is printed on every label"),
                new Violation("warehouses[1]", "must be 1 to 32 letters, digits, '.', '_' or '-', starting with a letter or digit"),
                new Violation("warehouses", "names warehouse 'east' twice; list each once, in order of preference"));
    }

    @Test
    void wantsAtLeastOneWarehouseAndACarrierNameThatFitsTheLabel() {
        assertThat(violations(new EcommerceSettings(List.of(), "C".repeat(41), TRACKING, BackorderPolicy.REJECT))).containsExactly(
                new Violation("carrierName", "is too long: at most 40 characters fit on a label"),
                new Violation("warehouses", "must name at least one warehouse, such as east,west"));
    }

    @Test
    void namesAMissingWarehouseInTheList() {
        assertThat(violations(new EcommerceSettings(java.util.Arrays.asList("east", null), "Conveyor Parcel", TRACKING,
                BackorderPolicy.REJECT))).extracting(Violation::field).containsExactly("warehouses[1]");
    }

    @Test
    void requiresTheWarehouses() {
        assertThat(violations(new EcommerceSettings(null, "Conveyor Parcel", TRACKING, BackorderPolicy.REJECT)))
                .extracting(Violation::field).containsExactly("warehouses");
    }
}
