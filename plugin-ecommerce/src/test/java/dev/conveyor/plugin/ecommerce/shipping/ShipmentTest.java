package dev.conveyor.plugin.ecommerce.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class ShipmentTest {

    private static final Instant LABELLED = Instant.parse("2026-11-27T08:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-30T12:00:00Z");
    private static final LocalDate ESTIMATE = LocalDate.of(2026, 12, 1);

    private final Shipment shipment = Shipment.labelCreated(Shipment.trackingNumber(12_345_678), "ORD-1", "east",
            ShippingSpeed.EXPRESS, "Conveyor Parcel", "https://track.example.com/EC123456785US", ESTIMATE, LABELLED);

    @Test
    void travelsUnderAnEcNumberOfItsSerial() {
        assertThat(shipment.trackingNumber()).isEqualTo("EC123456785US");
        assertThat(Shipment.trackingNumber(42)).isEqualTo("EC000000425US");
        assertThatThrownBy(() -> Shipment.trackingNumber(100_000_000)).hasMessageContaining("serial 100000000 does not fit");
        assertThatThrownBy(() -> Shipment.trackingNumber(-1)).hasMessageContaining("serial -1 does not fit");
    }

    @Test
    void startsWithItsLabel() {
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
        assertThat(shipment.statusAt()).isEqualTo(LABELLED);
        assertThat(shipment.estimatedDelivery()).isEqualTo(ESTIMATE);
        assertThat(shipment.deliveredAt()).isNull();
    }

    @Test
    void takesTheStatusAndRevisedDateOfANewerScan() {
        Instant scanned = Instant.parse("2026-11-28T10:00:00Z");

        assertThat(shipment.applyScan(ShipmentStatus.IN_TRANSIT, scanned, ESTIMATE.plusDays(1), LATER)).isEqualTo(ScanOutcome.APPLIED);

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.IN_TRANSIT);
        assertThat(shipment.statusAt()).isEqualTo(scanned);
        assertThat(shipment.estimatedDelivery()).isEqualTo(ESTIMATE.plusDays(1));
        assertThat(shipment.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void keepsItsDateWhenAScanBringsNone() {
        shipment.applyScan(ShipmentStatus.IN_TRANSIT, Instant.parse("2026-11-28T10:00:00Z"), null, LATER);

        assertThat(shipment.estimatedDelivery()).isEqualTo(ESTIMATE);
    }

    @Test
    void recordsWhenItWasDeliveredAndStaysDelivered() {
        Instant delivered = Instant.parse("2026-11-30T11:00:00Z");
        shipment.applyScan(ShipmentStatus.DELIVERED, delivered, null, LATER);

        assertThat(shipment.applyScan(ShipmentStatus.IN_TRANSIT, delivered.plusSeconds(60), ESTIMATE.plusDays(5), LATER))
                .isEqualTo(ScanOutcome.AFTER_DELIVERY);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(shipment.deliveredAt()).isEqualTo(delivered);
        assertThat(shipment.estimatedDelivery()).isEqualTo(ESTIMATE);
    }

    @Test
    void ignoresALateScanAndItsDate() {
        shipment.applyScan(ShipmentStatus.OUT_FOR_DELIVERY, Instant.parse("2026-11-30T07:00:00Z"), null, LATER);

        assertThat(shipment.applyScan(ShipmentStatus.IN_TRANSIT, Instant.parse("2026-11-29T07:00:00Z"), ESTIMATE.plusDays(3), LATER))
                .isEqualTo(ScanOutcome.OUT_OF_ORDER);
        assertThat(shipment.status()).isEqualTo(ShipmentStatus.OUT_FOR_DELIVERY);
        assertThat(shipment.estimatedDelivery()).isEqualTo(ESTIMATE);
    }
}
