package dev.conveyor.plugin.ecommerce.tracking;

import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules of an order update, per kind: a carrier's scan names the parcel, the scan and when it happened; an
 * update about the order names the order and no parcel yet; SHIPPED names both. Reports every problem at once and
 * never throws.
 */
public final class OrderUpdateValidator implements MessageType.Validator<OrderUpdate> {

    public static final int MAX_SCAN_ID_LENGTH = 100;
    public static final int MAX_LOCATION_LENGTH = 200;
    public static final int MAX_DETAIL_LENGTH = 500;

    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SCAN_ID = Pattern.compile("[\\x21-\\x7E]{1," + MAX_SCAN_ID_LENGTH + "}");

    @Override
    public List<Violation> validate(OrderUpdate update) {
        List<Violation> violations = new ArrayList<>();
        if (update == null) {
            violations.add(new Violation("$", "the update is missing; send a JSON object with kind, trackingNumber, scanId and "
                    + "occurredAt"));
            return List.copyOf(violations);
        }
        UpdateKind kind = update.kind();
        if (kind == null) {
            violations.add(new Violation("kind", "is required: one of " + String.join(", ",
                    Arrays.stream(UpdateKind.values()).map(Enum::name).toList())));
        }
        boolean orderIdRequired = kind != null && !kind.isScan();
        if (update.orderId() == null || update.orderId().isBlank()) {
            if (orderIdRequired) {
                violations.add(new Violation("orderId", "is required for a " + kind + " update"));
            }
        } else if (!ORDER_ID.matcher(update.orderId()).matches()) {
            violations.add(new Violation("orderId", "must be 1 to 64 characters, each a letter, digit, '.', '_' or '-'"));
        }
        checkTrackingNumber(update.trackingNumber(), kind, violations);
        if (kind != null && kind.isScan()) {
            if (update.scanId() == null || update.scanId().isBlank()) {
                violations.add(new Violation("scanId", "is required for a " + kind + " scan: the carrier's id for the scan, "
                        + "which makes a scan sent twice count once"));
            } else if (!SCAN_ID.matcher(update.scanId()).matches()) {
                violations.add(new Violation("scanId", "must be 1 to " + MAX_SCAN_ID_LENGTH + " printable ASCII characters "
                        + "without blanks"));
            }
            if (update.occurredAt() == null) {
                violations.add(new Violation("occurredAt", "is required for a " + kind + " scan: when the carrier scanned the "
                        + "parcel, such as 2026-11-27T15:04:05Z"));
            }
        }
        if (update.location() != null && update.location().length() > MAX_LOCATION_LENGTH) {
            violations.add(new Violation("location", "has " + update.location().length() + " characters; at most "
                    + MAX_LOCATION_LENGTH + " are allowed"));
        }
        if (update.detail() != null && update.detail().length() > MAX_DETAIL_LENGTH) {
            violations.add(new Violation("detail", "has " + update.detail().length() + " characters; at most "
                    + MAX_DETAIL_LENGTH + " are allowed"));
        }
        return List.copyOf(violations);
    }

    private static void checkTrackingNumber(String trackingNumber, UpdateKind kind, List<Violation> violations) {
        if (trackingNumber == null || trackingNumber.isBlank()) {
            if (kind != null && !kind.isAboutOrder()) {
                violations.add(new Violation("trackingNumber", "is required for a " + kind + " update: the parcel's UPU S10 "
                        + "number, such as EC100000003US"));
            }
            return;
        }
        if (kind != null && kind.isAboutOrder()) {
            violations.add(new Violation("trackingNumber", "must be left out of a " + kind + " update: it is about the order, "
                    + "before any parcel exists"));
            return;
        }
        TrackingNumber.problem(trackingNumber).ifPresent(problem -> violations.add(new Violation("trackingNumber", problem)));
    }
}
