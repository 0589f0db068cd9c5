package dev.conveyor.plugin.logistics.tracking;

import static dev.conveyor.testkit.unit.Constraints.violations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of a shipment status: its annotations, and the rules across fields and against the clock. */
final class ShipmentStatusChangedRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String TRACKING_NUMBER = "CV100000003US";

    @ParameterizedTest
    @EnumSource(value = ShipmentStatus.class, names = "LABEL_CREATED", mode = EnumSource.Mode.EXCLUDE)
    void acceptsACompleteCarrierScan(ShipmentStatus status) {
        ShipmentStatusChanged scan = new ShipmentStatusChanged("ORD-1", TRACKING_NUMBER, status, NOW.minusSeconds(3600),
                LocalDate.of(2026, 12, 1), "Newark, NJ", "SCAN-1", "Signed by J. Doe");

        assertThat(violations(scan)).isEmpty();
        assertThat(scan.brokenRules(NOW)).isEmpty();
    }

    @Test
    void acceptsAScanWithoutItsOptionalFieldsForgivingBlanksAndLowerCaseInTheTrackingNumber() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, " cv100000003us ", ShipmentStatus.IN_TRANSIT, NOW, null,
                null, "SCAN-1", null);

        assertThat(violations(scan)).isEmpty();
        assertThat(scan.brokenRules(NOW)).isEmpty();
    }

    @Test
    void acceptsTheLabelTheTrackingStageAnnounces() {
        ShipmentStatusChanged label = ShipmentStatusChanged.labelCreated("ORD-1", AcmeTracking.ISSUER.parse(TRACKING_NUMBER), NOW,
                LocalDate.of(2026, 12, 1), "US-EAST");

        assertThat(violations(label)).isEmpty();
        assertThat(label.brokenRules(NOW)).isEmpty();
    }

    @Test
    void refusesLabelCreatedFromACarrier() {
        ShipmentStatusChanged withScanId = new ShipmentStatusChanged("ORD-1", TRACKING_NUMBER, ShipmentStatus.LABEL_CREATED, NOW,
                null, null, "SCAN-1", null);
        ShipmentStatusChanged withoutOrder = new ShipmentStatusChanged(null, TRACKING_NUMBER, ShipmentStatus.LABEL_CREATED, NOW,
                null, null, null, null);

        Violation expected = new Violation("status", "LABEL_CREATED is not a carrier scan: Acme's tracking stage announces it, "
                + "with the orderId and without a scanId, when it prints the label; a carrier posts IN_TRANSIT, OUT_FOR_DELIVERY, "
                + "DELIVERED or EXCEPTION");
        assertThat(withScanId.brokenRules(NOW)).containsExactly(expected);
        assertThat(withoutOrder.brokenRules(NOW)).containsExactly(expected);
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        assertThat(violations(new ShipmentStatusChanged(null, null, null, null, null, null, null, null))).containsExactlyInAnyOrder(
                new Violation("trackingNumber", "is required: the UPU S10 number on the parcel, such as CV100000003US"),
                new Violation("status", "is required: IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED or EXCEPTION"),
                new Violation("occurredAt", "is required: when the parcel was scanned, such as 2026-11-28T09:15:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void requiresTheScanIdOfACarrierScan(String scanId) {
        assertThat(scan(scanId, NOW).brokenRules(NOW)).containsExactly(new Violation("scanId",
                "is required: the carrier's id of this scan, so that a scan posted twice counts once"));
        assertThat(scan(null, NOW).brokenRules(NOW)).extracting(Violation::field).containsExactly("scanId");
    }

    @Test
    void namesAWrongCheckDigit() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, "CV100000004US", ShipmentStatus.DELIVERED, NOW, null, null,
                "SCAN-1", null);

        assertThat(violations(scan)).containsExactly(
                new Violation("trackingNumber", "tracking number 'CV100000004US' has a wrong check digit: expected 3"));
    }

    @Test
    void reportsATrackingNumberThatIsNoS10NumberWithAnExampleOfAcmes() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, "1Z999AA10123456784", ShipmentStatus.DELIVERED, NOW, null,
                null, "SCAN-1", null);

        assertThat(violations(scan)).containsExactly(new Violation("trackingNumber", "tracking number '1Z999AA10123456784' is "
                + "not a UPU S10 number: expected 2 letters, 8 digits, a check digit and 2 letters, such as CV100000003US"));
    }

    @Test
    void acceptsScanIdsUpTo100Characters() {
        assertThat(violations(scan("x", NOW))).isEmpty();
        assertThat(violations(scan("x".repeat(100), NOW))).isEmpty();
        assertThat(violations(scan("x".repeat(101), NOW)))
                .containsExactly(new Violation("scanId", "is longer than the 100 characters allowed"));
    }

    @Test
    void acceptsAScanUpToADayAheadOfTheClock() {
        assertThat(scan("SCAN-1", NOW.plus(Duration.ofDays(1))).brokenRules(NOW)).isEmpty();
        assertThat(scan("SCAN-1", NOW.minus(Duration.ofDays(365))).brokenRules(NOW)).isEmpty();
    }

    @Test
    void refusesAScanMoreThanADayAhead() {
        assertThat(scan("SCAN-1", NOW.plus(Duration.ofDays(1)).plusSeconds(1)).brokenRules(NOW)).containsExactly(
                new Violation("occurredAt", "is 2026-11-29T12:00:01Z, more than 24 hours ahead of now (2026-11-28T12:00:00Z); "
                        + "send when the parcel was scanned, in UTC or with its offset"));
    }

    @Test
    void checksTheShapeOfAnOptionalOrderId() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged("ORD 1", TRACKING_NUMBER, ShipmentStatus.IN_TRANSIT, NOW, null, null,
                "SCAN-1", null);

        assertThat(violations(scan)).containsExactly(
                new Violation("orderId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"));
    }

    @Test
    void limitsLocationAndDetail() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, TRACKING_NUMBER, ShipmentStatus.EXCEPTION, NOW, null,
                "l".repeat(201), "SCAN-1", "d".repeat(501));

        assertThat(violations(scan)).containsExactlyInAnyOrder(
                new Violation("location", "is longer than the 200 characters allowed"),
                new Violation("detail", "is longer than the 500 characters allowed"));
    }

    @Test
    void theIssuersExampleIsTheConstantTheAnnotationsName() {
        assertThat(AcmeTracking.ISSUER.example()).isEqualTo(AcmeTracking.EXAMPLE);
    }

    private static ShipmentStatusChanged scan(String scanId, Instant occurredAt) {
        return new ShipmentStatusChanged(null, TRACKING_NUMBER, ShipmentStatus.IN_TRANSIT, occurredAt, null, null, scanId, null);
    }
}
