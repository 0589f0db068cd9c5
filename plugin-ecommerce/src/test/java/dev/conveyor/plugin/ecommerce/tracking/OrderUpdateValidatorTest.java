package dev.conveyor.plugin.ecommerce.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Violation;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

final class OrderUpdateValidatorTest {

    private static final Instant SCANNED = Instant.parse("2026-11-27T15:04:05Z");
    private static final String PARCEL = "EC123456785US";

    private final OrderUpdateValidator validator = new OrderUpdateValidator();

    @ParameterizedTest
    @EnumSource(value = UpdateKind.class, names = {"IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "EXCEPTION"})
    void acceptsACarrierScanWithoutOrderId(UpdateKind kind) {
        assertThat(validator.validate(new OrderUpdate(null, kind, PARCEL, SCANNED, null, "Memphis hub", null, "scan-1"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = UpdateKind.class, names = {"IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "EXCEPTION"})
    void requiresTrackingNumberScanIdAndTimeOfEveryScan(UpdateKind kind) {
        assertThat(validator.validate(new OrderUpdate(null, kind, null, null, null, null, null, null))).containsExactly(
                new Violation("trackingNumber", "is required for a " + kind + " update: the parcel's UPU S10 number, such as "
                        + "EC100000003US"),
                new Violation("scanId", "is required for a " + kind + " scan: the carrier's id for the scan, which makes a scan "
                        + "sent twice count once"),
                new Violation("occurredAt", "is required for a " + kind + " scan: when the carrier scanned the parcel, such as "
                        + "2026-11-27T15:04:05Z"));
    }

    @Test
    void checksTheTrackingNumberOfAScan() {
        assertThat(validator.validate(new OrderUpdate(null, UpdateKind.DELIVERED, "EC123456784US", SCANNED, null, null, null, "s")))
                .containsExactly(new Violation("trackingNumber", "tracking number 'EC123456784US' has a wrong check digit: expected 5"));
    }

    @Test
    void refusesAScanIdWithBlanks() {
        assertThat(validator.validate(new OrderUpdate(null, UpdateKind.IN_TRANSIT, PARCEL, SCANNED, null, null, null, "scan 1")))
                .extracting(Violation::field).containsExactly("scanId");
    }

    @ParameterizedTest
    @EnumSource(value = UpdateKind.class, names = {"CONFIRMED", "BACKORDERED", "REJECTED"})
    void acceptsAnUpdateAboutTheOrder(UpdateKind kind) {
        assertThat(validator.validate(new OrderUpdate("ORD-1", kind, null, SCANNED, LocalDate.of(2026, 12, 1), null, "why", null)))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = UpdateKind.class, names = {"CONFIRMED", "BACKORDERED", "REJECTED"})
    void wantsTheOrderAndNoParcelInAnUpdateAboutTheOrder(UpdateKind kind) {
        assertThat(validator.validate(new OrderUpdate(null, kind, PARCEL, SCANNED, null, null, null, null))).containsExactly(
                new Violation("orderId", "is required for a " + kind + " update"),
                new Violation("trackingNumber", "must be left out of a " + kind + " update: it is about the order, before any "
                        + "parcel exists"));
    }

    @Test
    void wantsOrderAndParcelInAShippedUpdate() {
        assertThat(validator.validate(new OrderUpdate("ORD-1", UpdateKind.SHIPPED, PARCEL, SCANNED, null, "east", "Conveyor Parcel",
                null))).isEmpty();
        assertThat(validator.validate(new OrderUpdate(null, UpdateKind.SHIPPED, null, SCANNED, null, null, null, null)))
                .extracting(Violation::field).containsExactly("orderId", "trackingNumber");
    }

    @Test
    void reportsAMissingKindAndUpdate() {
        assertThat(validator.validate(null)).extracting(Violation::field).containsExactly("$");
        assertThat(validator.validate(new OrderUpdate("ORD-1", null, null, null, null, null, null, null))).containsExactly(
                new Violation("kind", "is required: one of CONFIRMED, BACKORDERED, REJECTED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, "
                        + "DELIVERED, EXCEPTION"));
    }

    @Test
    void limitsLocationAndDetail() {
        assertThat(validator.validate(new OrderUpdate(null, UpdateKind.EXCEPTION, PARCEL, SCANNED, null, "l".repeat(201),
                "d".repeat(501), "scan-1"))).containsExactly(
                new Violation("location", "has 201 characters; at most 200 are allowed"),
                new Violation("detail", "has 501 characters; at most 500 are allowed"));
    }

    @Test
    void reportsAMalformedOrderIdOfAScan() {
        assertThat(validator.validate(new OrderUpdate("bad id", UpdateKind.IN_TRANSIT, PARCEL, SCANNED, null, null, null, "s")))
                .extracting(Violation::field).containsExactly("orderId");
    }
}
