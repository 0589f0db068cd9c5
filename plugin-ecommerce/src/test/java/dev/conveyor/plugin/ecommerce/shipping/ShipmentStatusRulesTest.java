package dev.conveyor.plugin.ecommerce.shipping;

import static dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus.DELIVERED;
import static dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus.EXCEPTION;
import static dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus.IN_TRANSIT;
import static dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus.LABEL_CREATED;
import static dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus.OUT_FOR_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class ShipmentStatusRulesTest {

    private static final Instant NINE = Instant.parse("2026-11-27T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-27T11:00:00Z");

    @Test
    void appliesANewerScan() {
        assertThat(ShipmentStatusRules.judge(LABEL_CREATED, NINE, IN_TRANSIT, TEN)).isEqualTo(ScanOutcome.APPLIED);
        assertThat(ShipmentStatusRules.judge(IN_TRANSIT, TEN, OUT_FOR_DELIVERY, ELEVEN)).isEqualTo(ScanOutcome.APPLIED);
        assertThat(ShipmentStatusRules.judge(OUT_FOR_DELIVERY, TEN, DELIVERED, ELEVEN)).isEqualTo(ScanOutcome.APPLIED);
    }

    @Test
    void keepsALateScanOutOfTheStatus() {
        assertThat(ShipmentStatusRules.judge(OUT_FOR_DELIVERY, ELEVEN, IN_TRANSIT, TEN)).isEqualTo(ScanOutcome.OUT_OF_ORDER);
    }

    @Test
    void letsTheFirstOfTwoScansAtTheSameMomentStand() {
        assertThat(ShipmentStatusRules.judge(IN_TRANSIT, TEN, EXCEPTION, TEN)).isEqualTo(ScanOutcome.OUT_OF_ORDER);
    }

    @Test
    void followsTheNewestScanEvenWhenItLooksLikeAStepBack() {
        // A failed delivery attempt: the parcel goes back to the depot and travels again.
        assertThat(ShipmentStatusRules.judge(OUT_FOR_DELIVERY, TEN, IN_TRANSIT, ELEVEN)).isEqualTo(ScanOutcome.APPLIED);
        assertThat(ShipmentStatusRules.judge(EXCEPTION, TEN, IN_TRANSIT, ELEVEN)).isEqualTo(ScanOutcome.APPLIED);
    }

    @ParameterizedTest
    @EnumSource(value = ShipmentStatus.class, names = {"IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "EXCEPTION"})
    void neverMovesADeliveredParcel(ShipmentStatus scanned) {
        assertThat(ShipmentStatusRules.judge(DELIVERED, TEN, scanned, ELEVEN)).isEqualTo(ScanOutcome.AFTER_DELIVERY);
        assertThat(ShipmentStatusRules.judge(DELIVERED, TEN, scanned, NINE)).isEqualTo(ScanOutcome.AFTER_DELIVERY);
    }

    @Test
    void mapsEveryScanKindToItsStatus() {
        assertThat(ShipmentStatus.scanned(UpdateKind.IN_TRANSIT)).isEqualTo(IN_TRANSIT);
        assertThat(ShipmentStatus.scanned(UpdateKind.OUT_FOR_DELIVERY)).isEqualTo(OUT_FOR_DELIVERY);
        assertThat(ShipmentStatus.scanned(UpdateKind.DELIVERED)).isEqualTo(DELIVERED);
        assertThat(ShipmentStatus.scanned(UpdateKind.EXCEPTION)).isEqualTo(EXCEPTION);
        assertThatThrownBy(() -> ShipmentStatus.scanned(UpdateKind.SHIPPED)).isInstanceOf(IllegalArgumentException.class);
    }
}
