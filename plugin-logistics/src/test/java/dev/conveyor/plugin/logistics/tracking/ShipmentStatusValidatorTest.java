package dev.conveyor.plugin.logistics.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

final class ShipmentStatusValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
    private static final String TRACKING_NUMBER = "CV100000003US";

    private final ShipmentStatusValidator validator = new ShipmentStatusValidator(Clock.fixed(NOW, ZoneOffset.UTC));

    @ParameterizedTest
    @EnumSource(value = ShipmentStatus.class, names = "LABEL_CREATED", mode = EnumSource.Mode.EXCLUDE)
    void acceptsACompleteCarrierScan(ShipmentStatus status) {
        ShipmentStatusChanged scan = new ShipmentStatusChanged("ORD-1", TRACKING_NUMBER, status, NOW.minusSeconds(3600),
                LocalDate.of(2026, 12, 1), "Newark, NJ", "SCAN-1", "Signed by J. Doe");

        assertThat(validator.validate(scan)).isEmpty();
    }

    @Test
    void acceptsAScanWithoutItsOptionalFields() {
        assertThat(validator.validate(scan("SCAN-1", NOW))).isEmpty();
    }

    @Test
    void forgivesBlanksAndLowerCaseInTheTrackingNumber() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, " cv100000003us ", ShipmentStatus.IN_TRANSIT, NOW, null, null,
                "SCAN-1", null);

        assertThat(validator.validate(scan)).isEmpty();
    }

    @Test
    void acceptsTheLabelTheTrackingStageAnnounces() {
        ShipmentStatusChanged label = ShipmentStatusChanged.labelCreated("ORD-1", TrackingNumber.parse(TRACKING_NUMBER), NOW,
                LocalDate.of(2026, 12, 1), "US-EAST");

        assertThat(validator.validate(label)).isEmpty();
        assertThat(ShipmentStatusValidator.validateIgnoringClock(label)).isEmpty();
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
        assertThat(validator.validate(withScanId)).containsExactly(expected);
        assertThat(validator.validate(withoutOrder)).containsExactly(expected);
    }

    @Test
    void reportsEveryMissingFieldAtOnce() {
        assertThat(validator.validate(new ShipmentStatusChanged(null, null, null, null, null, null, null, null))).containsExactly(
                new Violation("trackingNumber", "is required: the UPU S10 number on the parcel, such as CV100000003US"),
                new Violation("status", "is required: IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED or EXCEPTION"),
                new Violation("occurredAt", "is required: when the parcel was scanned, such as 2026-11-28T09:15:00Z"),
                new Violation("scanId", "is required: the carrier's id of this scan, so that a scan posted twice counts once"));
    }

    @Test
    void reportsAMissingScan() {
        assertThat(validator.validate(null)).extracting(Violation::field).containsExactly("$");
    }

    @Test
    void namesAWrongCheckDigit() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, "CV100000004US", ShipmentStatus.DELIVERED, NOW, null, null,
                "SCAN-1", null);

        assertThat(validator.validate(scan)).containsExactly(
                new Violation("trackingNumber", "tracking number 'CV100000004US' has a wrong check digit: expected 3"));
    }

    @Test
    void reportsATrackingNumberThatIsNoS10Number() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, "1Z999AA10123456784", ShipmentStatus.DELIVERED, NOW, null,
                null, "SCAN-1", null);

        assertThat(validator.validate(scan)).extracting(Violation::field).containsExactly("trackingNumber");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void reportsABlankScanId(String scanId) {
        assertThat(validator.validate(scan(scanId, NOW))).extracting(Violation::field).containsExactly("scanId");
    }

    @Test
    void acceptsScanIdsUpTo100Characters() {
        assertThat(validator.validate(scan("x", NOW))).isEmpty();
        assertThat(validator.validate(scan("x".repeat(100), NOW))).isEmpty();
        assertThat(validator.validate(scan("x".repeat(101), NOW)))
                .containsExactly(new Violation("scanId", "has 101 characters; at most 100 are allowed"));
    }

    @Test
    void acceptsAScanUpToADayAheadOfTheClock() {
        assertThat(validator.validate(scan("SCAN-1", NOW.plus(Duration.ofDays(1))))).isEmpty();
        assertThat(validator.validate(scan("SCAN-1", NOW.minus(Duration.ofDays(365))))).isEmpty();
    }

    @Test
    void refusesAScanMoreThanADayAhead() {
        assertThat(validator.validate(scan("SCAN-1", NOW.plus(Duration.ofDays(1)).plusSeconds(1)))).containsExactly(
                new Violation("occurredAt", "is 2026-11-29T12:00:01Z, more than 24 hours ahead of now (2026-11-28T12:00:00Z); "
                        + "send when the parcel was scanned, in UTC or with its offset"));
    }

    @Test
    void leavesTheClockToTheApiWhenAskedTo() {
        assertThat(ShipmentStatusValidator.validateIgnoringClock(scan("SCAN-1", NOW.plus(Duration.ofDays(30))))).isEmpty();
        assertThat(ShipmentStatusValidator.validateIgnoringClock(scan(null, NOW))).extracting(Violation::field)
                .containsExactly("scanId");
    }

    @Test
    void checksTheShapeOfAnOptionalOrderId() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged("ORD 1", TRACKING_NUMBER, ShipmentStatus.IN_TRANSIT, NOW, null, null,
                "SCAN-1", null);

        assertThat(validator.validate(scan)).containsExactly(
                new Violation("orderId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"));
    }

    @Test
    void limitsLocationAndDetail() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, TRACKING_NUMBER, ShipmentStatus.EXCEPTION, NOW, null,
                "l".repeat(201), "SCAN-1", "d".repeat(501));

        assertThat(validator.validate(scan)).containsExactly(
                new Violation("location", "has 201 characters; at most 200 are allowed"),
                new Violation("detail", "has 501 characters; at most 500 are allowed"));
    }

    private static ShipmentStatusChanged scan(String scanId, Instant occurredAt) {
        return new ShipmentStatusChanged(null, TRACKING_NUMBER, ShipmentStatus.IN_TRANSIT, occurredAt, null, null, scanId, null);
    }
}
