package dev.conveyor.plugin.logistics.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ShipmentLookupTest {

    @Test
    void postcodesMatchWhateverTheirCaseAndSpacesButWhole() {
        assertThat(ShipmentLookup.sameCode("SW1A 1AA", "sw1a1aa")).isTrue();
        assertThat(ShipmentLookup.sameCode("02118", " 02118 ")).isTrue();
        assertThat(ShipmentLookup.sameCode("02118", "0211")).isFalse();
        assertThat(ShipmentLookup.sameCode("02118", "021180")).isFalse();
        assertThat(ShipmentLookup.sameCode(null, "02118")).isFalse();
    }
}
