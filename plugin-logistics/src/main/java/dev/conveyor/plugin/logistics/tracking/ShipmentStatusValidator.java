package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.order.OrderRequestValidator;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Violation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of {@code logistics.shipment-status.v1}, which carries two kinds of message. A carrier scan (IN_TRANSIT,
 * OUT_FOR_DELIVERY, DELIVERED, EXCEPTION), posted to {@code tracking-events}, names a valid tracking number, its
 * scanId and when it occurred, no more than a day ahead of the clock; its orderId is optional. LABEL_CREATED comes
 * from the tracking stage alone: with the orderId and without a scanId. Reports every problem at once and never
 * throws, whatever is null.
 */
public final class ShipmentStatusValidator implements MessageType.Validator<ShipmentStatusChanged> {

    public static final int MAX_SCAN_ID_LENGTH = 100;
    public static final int MAX_LOCATION_LENGTH = 200;
    public static final int MAX_DETAIL_LENGTH = 500;
    /** How far ahead of the clock a scan may claim to have occurred: carriers' clocks and time zones are not ours. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofDays(1);

    private static final String CARRIER_STATUSES = "IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED or EXCEPTION";

    private final Clock clock;

    public ShipmentStatusValidator(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public List<Violation> validate(ShipmentStatusChanged change) {
        return check(change, clock.instant());
    }

    /**
     * The same rules but the one about the clock: for the notify stage, whose clock is the engine's (tests drive it),
     * while the API checks scans against the system clock when it accepts them.
     */
    public static List<Violation> validateIgnoringClock(ShipmentStatusChanged change) {
        return check(change, null);
    }

    private static List<Violation> check(ShipmentStatusChanged change, Instant now) {
        List<Violation> violations = new ArrayList<>();
        if (change == null) {
            violations.add(new Violation("$", "the scan is missing; send a JSON object with trackingNumber, scanId, status and "
                    + "occurredAt"));
            return List.copyOf(violations);
        }
        boolean labelCreated = change.status() == ShipmentStatus.LABEL_CREATED;
        if (change.orderId() != null && !OrderRequestValidator.isOrderId(change.orderId())) {
            violations.add(new Violation("orderId", OrderRequestValidator.ORDER_ID_RULE));
        }
        checkTrackingNumber(change.trackingNumber(), violations);
        if (change.status() == null) {
            violations.add(new Violation("status", "is required: " + CARRIER_STATUSES));
        } else if (labelCreated && (change.orderId() == null || change.scanId() != null)) {
            violations.add(new Violation("status", "LABEL_CREATED is not a carrier scan: Acme's tracking stage announces it, "
                    + "with the orderId and without a scanId, when it prints the label; a carrier posts " + CARRIER_STATUSES));
        }
        checkOccurredAt(change.occurredAt(), now, violations);
        checkLength("location", change.location(), MAX_LOCATION_LENGTH, violations);
        if (!labelCreated) {
            checkScanId(change.scanId(), violations);
        }
        checkLength("detail", change.detail(), MAX_DETAIL_LENGTH, violations);
        return List.copyOf(violations);
    }

    private static void checkTrackingNumber(String trackingNumber, List<Violation> violations) {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            violations.add(new Violation("trackingNumber", "is required: the UPU S10 number on the parcel, such as "
                    + TrackingNumber.ACME_PREFIX + "100000003" + TrackingNumber.ACME_COUNTRY));
            return;
        }
        try {
            TrackingNumber.parse(trackingNumber);
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("trackingNumber", e.getMessage()));
        }
    }

    private static void checkOccurredAt(Instant occurredAt, Instant now, List<Violation> violations) {
        if (occurredAt == null) {
            violations.add(new Violation("occurredAt", "is required: when the parcel was scanned, such as 2026-11-28T09:15:00Z"));
        } else if (now != null && occurredAt.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            violations.add(new Violation("occurredAt", "is " + occurredAt + ", more than " + MAX_CLOCK_AHEAD.toHours()
                    + " hours ahead of now (" + now.truncatedTo(ChronoUnit.SECONDS) + "); send when the parcel was scanned, "
                    + "in UTC or with its offset"));
        }
    }

    private static void checkScanId(String scanId, List<Violation> violations) {
        if (scanId == null || scanId.isBlank()) {
            violations.add(new Violation("scanId", "is required: the carrier's id of this scan, so that a scan posted twice "
                    + "counts once"));
        } else {
            checkLength("scanId", scanId, MAX_SCAN_ID_LENGTH, violations);
        }
    }

    private static void checkLength(String field, String value, int max, List<Violation> violations) {
        if (value != null && value.length() > max) {
            violations.add(new Violation(field, "has " + value.length() + " characters; at most " + max + " are allowed"));
        }
    }
}
