package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Set;

/**
 * How a carrier scan bears on a shipment. Carriers post scans late, out of order and twice: the current status
 * follows the scan that occurred last, not the one that arrived last, and a delivered parcel stays delivered.
 */
public final class ScanRules {

    private ScanRules() {
    }

    /**
     * @param current          the shipment's current status
     * @param lastScanAt       when the scan that set {@code current} occurred; {@code null} before the first scan
     * @param recordedScanIds  the scan ids already in the shipment's history
     */
    public static ScanDecision decide(ShipmentStatus current, Instant lastScanAt, Set<String> recordedScanIds, CarrierScan scan) {
        requireNonNull(current, "current is null");
        requireNonNull(recordedScanIds, "recordedScanIds is null");
        requireNonNull(scan, "scan is null");
        if (recordedScanIds.contains(scan.scanId())) {
            return ScanDecision.DUPLICATE;
        }
        if (current == ShipmentStatus.DELIVERED && scan.status() != ShipmentStatus.DELIVERED) {
            return ScanDecision.HISTORY_ONLY;
        }
        if (lastScanAt != null && !scan.occurredAt().isAfter(lastScanAt)) {
            return ScanDecision.HISTORY_ONLY;
        }
        return ScanDecision.APPLY;
    }
}
