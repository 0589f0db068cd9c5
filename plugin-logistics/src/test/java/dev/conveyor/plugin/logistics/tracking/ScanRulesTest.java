package dev.conveyor.plugin.logistics.tracking;

import static dev.conveyor.plugin.logistics.tracking.ShipmentStatus.DELIVERED;
import static dev.conveyor.plugin.logistics.tracking.ShipmentStatus.EXCEPTION;
import static dev.conveyor.plugin.logistics.tracking.ShipmentStatus.IN_TRANSIT;
import static dev.conveyor.plugin.logistics.tracking.ShipmentStatus.LABEL_CREATED;
import static dev.conveyor.plugin.logistics.tracking.ShipmentStatus.OUT_FOR_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.shipping.TrackingNumber;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class ScanRulesTest {

    private static final TrackingNumber TRACKING_NUMBER = AcmeTracking.ISSUER.issue(10_000_000);
    private static final Instant NINE = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-28T11:00:00Z");

    @ParameterizedTest
    @EnumSource(value = ShipmentStatus.class, names = "LABEL_CREATED", mode = EnumSource.Mode.EXCLUDE)
    void appliesTheFirstScanWhateverItsTime(ShipmentStatus status) {
        assertThat(ScanRules.decide(LABEL_CREATED, null, Set.of(), scan("S1", status, NINE))).isEqualTo(ScanDecision.APPLY);
    }

    @Test
    void appliesAScanNewerThanTheLastOne() {
        assertThat(ScanRules.decide(IN_TRANSIT, TEN, Set.of("S1"), scan("S2", OUT_FOR_DELIVERY, ELEVEN))).isEqualTo(ScanDecision.APPLY);
    }

    @Test
    void keepsAnOlderScanInTheHistoryOnly() {
        assertThat(ScanRules.decide(OUT_FOR_DELIVERY, TEN, Set.of("S2"), scan("S1", IN_TRANSIT, NINE)))
                .isEqualTo(ScanDecision.HISTORY_ONLY);
    }

    @Test
    void keepsAScanOfTheSameInstantInTheHistoryOnly() {
        assertThat(ScanRules.decide(IN_TRANSIT, TEN, Set.of("S1"), scan("S2", EXCEPTION, TEN))).isEqualTo(ScanDecision.HISTORY_ONLY);
    }

    @Test
    void followsTheNewestScanEvenBackToAnEarlierStatus() {
        // Out for delivery, then back at the depot: what happened last is where the parcel is.
        assertThat(ScanRules.decide(OUT_FOR_DELIVERY, TEN, Set.of("S2"), scan("S3", IN_TRANSIT, ELEVEN))).isEqualTo(ScanDecision.APPLY);
    }

    @ParameterizedTest
    @EnumSource(value = ShipmentStatus.class, names = {"IN_TRANSIT", "OUT_FOR_DELIVERY", "EXCEPTION"})
    void neverMovesADeliveredShipmentBackEvenForANewerScan(ShipmentStatus status) {
        assertThat(ScanRules.decide(DELIVERED, TEN, Set.of("S3"), scan("S4", status, ELEVEN))).isEqualTo(ScanDecision.HISTORY_ONLY);
    }

    @Test
    void appliesANewerDeliveredScanToADeliveredShipment() {
        assertThat(ScanRules.decide(DELIVERED, TEN, Set.of("S3"), scan("S4", DELIVERED, ELEVEN))).isEqualTo(ScanDecision.APPLY);
    }

    @Test
    void recognisesAScanPostedTwice() {
        assertThat(ScanRules.decide(IN_TRANSIT, TEN, Set.of("S1"), scan("S1", IN_TRANSIT, TEN))).isEqualTo(ScanDecision.DUPLICATE);
    }

    @Test
    void recognisesADuplicateBeforeAnythingElse() {
        // Even a copy that would now be stale, or that follows the delivery, is the same scan and changes nothing.
        assertThat(ScanRules.decide(DELIVERED, ELEVEN, Set.of("S1", "S2"), scan("S1", IN_TRANSIT, NINE)))
                .isEqualTo(ScanDecision.DUPLICATE);
    }

    @Test
    void comparesScanIdsExactly() {
        assertThat(ScanRules.decide(IN_TRANSIT, TEN, Set.of("s1"), scan("S1", IN_TRANSIT, ELEVEN))).isEqualTo(ScanDecision.APPLY);
    }

    private static CarrierScan scan(String scanId, ShipmentStatus status, Instant occurredAt) {
        return new CarrierScan(TRACKING_NUMBER, scanId, status, occurredAt, "US-EAST", null, null);
    }
}
