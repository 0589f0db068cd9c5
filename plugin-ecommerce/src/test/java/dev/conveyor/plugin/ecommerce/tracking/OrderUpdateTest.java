package dev.conveyor.plugin.ecommerce.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.Constraints;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The rules of an order update per kind, as the platform checks them on the tracking-events route and before notify. */
final class OrderUpdateTest {

    private static final Instant SCANNED = Instant.parse("2026-11-27T15:04:05Z");
    private static final String PARCEL = "EC123456785US";

    private static List<Violation> violations(OrderUpdate update) {
        return Constraints.violations(update);
    }

    @ParameterizedTest
    @EnumSource(value = UpdateKind.class, names = {"IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "EXCEPTION"})
    void acceptsACarrierScanWithoutOrderId(UpdateKind kind) {
        assertThat(violations(new OrderUpdate(null, kind, PARCEL, SCANNED, null, "Memphis hub", null, "scan-1"))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = UpdateKind.class, names = {"IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED", "EXCEPTION"})
    void requiresTrackingNumberScanIdAndTimeOfEveryScan(UpdateKind kind) {
        assertThat(violations(new OrderUpdate(null, kind, null, null, null, null, null, null))).containsExactly(
                new Violation("occurredAt", "is required for a " + kind + " scan: when the carrier scanned the parcel, such as "
                        + "2026-11-27T15:04:05Z"),
                new Violation("scanId", "is required for a " + kind + " scan: the carrier's id for the scan, which makes a scan "
                        + "sent twice count once"),
                new Violation("trackingNumber", "is required for a " + kind + " update: the parcel's UPU S10 number, such as "
                        + "EC100000003US"));
    }

    @Test
    void checksTheTrackingNumberOfAScan() {
        assertThat(violations(new OrderUpdate(null, UpdateKind.DELIVERED, "EC123456784US", SCANNED, null, null, null, "s")))
                .containsExactly(new Violation("trackingNumber", "tracking number 'EC123456784US' has a wrong check digit: expected 5"));
    }

    @Test
    void forgivesBlanksAndLowerCaseInATrackingNumber() {
        assertThat(violations(new OrderUpdate(null, UpdateKind.DELIVERED, " ec123456785us", SCANNED, null, null, null, "s"))).isEmpty();
    }

    @Test
    void quotesAMalformedTrackingNumberAsSent() {
        assertThat(violations(new OrderUpdate(null, UpdateKind.DELIVERED, "${1+1}{x}", SCANNED, null, null, null, "s")))
                .containsExactly(new Violation("trackingNumber", "tracking number '${1+1}{x}' is not a UPU S10 number: expected "
                        + "2 letters, 8 digits, a check digit and 2 letters, such as EC100000003US"));
    }

    @Test
    void refusesAScanIdWithBlanks() {
        assertThat(violations(new OrderUpdate(null, UpdateKind.IN_TRANSIT, PARCEL, SCANNED, null, null, null, "scan 1")))
                .extracting(Violation::field).containsExactly("scanId");
    }

    @ParameterizedTest
    @EnumSource(value = UpdateKind.class, names = {"CONFIRMED", "BACKORDERED", "REJECTED"})
    void acceptsAnUpdateAboutTheOrder(UpdateKind kind) {
        assertThat(violations(new OrderUpdate("ORD-1", kind, null, SCANNED, LocalDate.of(2026, 12, 1), null, "why", null))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = UpdateKind.class, names = {"CONFIRMED", "BACKORDERED", "REJECTED"})
    void wantsTheOrderAndNoParcelInAnUpdateAboutTheOrder(UpdateKind kind) {
        assertThat(violations(new OrderUpdate(null, kind, PARCEL, SCANNED, null, null, null, null))).containsExactly(
                new Violation("orderId", "is required for a " + kind + " update"),
                new Violation("trackingNumber", "must be left out of a " + kind + " update: it is about the order, before any "
                        + "parcel exists"));
    }

    @Test
    void wantsOrderAndParcelInAShippedUpdate() {
        assertThat(violations(new OrderUpdate("ORD-1", UpdateKind.SHIPPED, PARCEL, SCANNED, null, "east", "Conveyor Parcel",
                null))).isEmpty();
        assertThat(violations(new OrderUpdate(null, UpdateKind.SHIPPED, null, SCANNED, null, null, null, null)))
                .extracting(Violation::field).containsExactly("orderId", "trackingNumber");
    }

    @Test
    void reportsAMissingKind() {
        assertThat(violations(new OrderUpdate("ORD-1", null, null, null, null, null, null, null))).containsExactly(
                new Violation("kind", "is required: one of CONFIRMED, BACKORDERED, REJECTED, SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, "
                        + "DELIVERED, EXCEPTION"));
    }

    @Test
    void limitsLocationAndDetail() {
        assertThat(violations(new OrderUpdate(null, UpdateKind.EXCEPTION, PARCEL, SCANNED, null, "l".repeat(201),
                "d".repeat(501), "scan-1"))).containsExactly(
                new Violation("detail", "is too long: at most 500 characters are allowed"),
                new Violation("location", "is too long: at most 200 characters are allowed"));
    }

    @Test
    void reportsAMalformedOrderIdOfAScan() {
        assertThat(violations(new OrderUpdate("bad id", UpdateKind.IN_TRANSIT, PARCEL, SCANNED, null, null, null, "s")))
                .extracting(Violation::field).containsExactly("orderId");
    }

    @Test
    void cutsALongReasonToWhatFitsAnUpdateAboutTheOrder() {
        OrderUpdate update = OrderUpdate.aboutOrder("ORD-1", UpdateKind.REJECTED, SCANNED, null, "r".repeat(600));

        assertThat(update.detail()).hasSize(OrderUpdate.MAX_DETAIL_LENGTH).endsWith("…");
        assertThat(violations(update)).isEmpty();
        assertThatThrownBy(() -> OrderUpdate.aboutOrder("ORD-1", UpdateKind.SHIPPED, SCANNED, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
