package dev.conveyor.plugin.ecommerce.shipping;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * How carriers' scans move a parcel's status. Scans arrive out of order (a depot uploads its scans late), so the
 * status follows the scan that happened last, not the one that arrived last; and DELIVERED is where a parcel stays.
 * A pure function, tested without a database.
 */
public final class ShipmentStatusRules {

    private ShipmentStatusRules() {
    }

    /**
     * @param current   the parcel's status
     * @param currentAt when the event behind {@code current} happened
     * @param scanned   what the scan reports
     * @param scannedAt when the scan happened
     */
    public static ScanOutcome judge(ShipmentStatus current, Instant currentAt, ShipmentStatus scanned, Instant scannedAt) {
        requireNonNull(current, "current is null");
        requireNonNull(currentAt, "currentAt is null");
        requireNonNull(scanned, "scanned is null");
        requireNonNull(scannedAt, "scannedAt is null");
        if (current == ShipmentStatus.DELIVERED) {
            return ScanOutcome.AFTER_DELIVERY;
        }
        // Equal times are a tie the earlier arrival wins: "newer" means strictly later.
        return scannedAt.isAfter(currentAt) ? ScanOutcome.APPLIED : ScanOutcome.OUT_OF_ORDER;
    }
}
