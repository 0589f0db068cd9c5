package dev.conveyor.plugin.logistics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.shipping.TrackingNumber;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class ShipmentTest {

    private static final TrackingNumber TRACKING_NUMBER = AcmeTracking.ISSUER.issue(10_000_000);
    private static final Instant LABEL = Instant.parse("2026-11-27T15:00:00Z");
    private static final Instant NINE = Instant.parse("2026-11-28T09:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-28T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-28T11:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");
    private static final LocalDate PLANNED = LocalDate.of(2026, 12, 1);

    private final Shipment shipment = Shipment.labelCreated(TRACKING_NUMBER, "ORD-1", "US-EAST", ServiceLevel.EXPRESS,
            PLANNED, LABEL);

    @Test
    void startsWithTheLabelAndNoScan() {
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(shipment.lastScanAt()).isNull();
        assertThat(shipment.history()).extracting(ShipmentEvent::status, ShipmentEvent::scanId, ShipmentEvent::note)
                .containsExactly(tuple(ShipmentStatus.LABEL_CREATED, null, "Shipping label created"));
    }

    @Test
    void appliesANewScanWithItsEstimatedDelivery() {
        LocalDate later = PLANNED.plusDays(1);

        assertThat(shipment.recordScan(scan("S1", ShipmentStatus.IN_TRANSIT, TEN, later), NOON)).isEqualTo(ScanDecision.APPLY);

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(shipment.lastScanAt()).isEqualTo(TEN);
        assertThat(shipment.estimatedDelivery()).isEqualTo(later);
        assertThat(shipment.updatedAt()).isEqualTo(NOON);
        ShipmentEvent event = shipment.history().getLast();
        assertThat(event.scanId()).isEqualTo("S1");
        assertThat(event.location()).isEqualTo("Newark, NJ");
        assertThat(event.occurredAt()).isEqualTo(TEN);
        assertThat(event.recordedAt()).isEqualTo(NOON);
    }

    @Test
    void keepsTheEstimatedDeliveryWhenAScanCarriesNone() {
        shipment.recordScan(scan("S1", ShipmentStatus.IN_TRANSIT, TEN, null), NOON);

        assertThat(shipment.estimatedDelivery()).isEqualTo(PLANNED);
    }

    @Test
    void putsALateScanInTheHistoryWhereItOccurredWithoutChangingTheStatus() {
        shipment.recordScan(scan("S2", ShipmentStatus.OUT_FOR_DELIVERY, ELEVEN, null), NOON);

        assertThat(shipment.recordScan(scan("S1", ShipmentStatus.IN_TRANSIT, NINE, PLANNED.plusDays(5)), NOON))
                .isEqualTo(ScanDecision.HISTORY_ONLY);

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(shipment.lastScanAt()).isEqualTo(ELEVEN);
        assertThat(shipment.estimatedDelivery()).isEqualTo(PLANNED);
        assertThat(shipment.history()).extracting(ShipmentEvent::scanId).containsExactly(null, "S1", "S2");
    }

    @Test
    void staysDeliveredAfterALateScan() {
        shipment.recordScan(scan("S3", ShipmentStatus.DELIVERED, TEN, null), NOON);

        assertThat(shipment.recordScan(scan("S4", ShipmentStatus.IN_TRANSIT, ELEVEN, null), NOON)).isEqualTo(ScanDecision.HISTORY_ONLY);

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(shipment.lastScanAt()).isEqualTo(TEN);
        assertThat(shipment.history()).extracting(ShipmentEvent::status).containsExactly(ShipmentStatus.LABEL_CREATED,
                ShipmentStatus.DELIVERED, ShipmentStatus.IN_TRANSIT);
    }

    @Test
    void recordsAScanPostedTwiceOnce() {
        shipment.recordScan(scan("S1", ShipmentStatus.IN_TRANSIT, TEN, null), NOON);

        assertThat(shipment.recordScan(scan("S1", ShipmentStatus.IN_TRANSIT, TEN, null), NOON.plusSeconds(60)))
                .isEqualTo(ScanDecision.DUPLICATE);

        assertThat(shipment.history()).hasSize(2);
        assertThat(shipment.updatedAt()).isEqualTo(NOON);
    }

    @Test
    void refusesAScanOfAnotherParcel() {
        CarrierScan other = new CarrierScan(AcmeTracking.ISSUER.issue(10_000_001), "S1", ShipmentStatus.IN_TRANSIT, TEN, null, null,
                null);

        assertThatThrownBy(() -> shipment.recordScan(other, NOON)).isInstanceOf(IllegalArgumentException.class);
    }

    private static CarrierScan scan(String scanId, ShipmentStatus status, Instant occurredAt, LocalDate estimatedDelivery) {
        return new CarrierScan(TRACKING_NUMBER, scanId, status, occurredAt, "Newark, NJ", null, estimatedDelivery);
    }
}
