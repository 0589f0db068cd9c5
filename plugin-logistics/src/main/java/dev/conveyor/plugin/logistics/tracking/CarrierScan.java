package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import dev.conveyor.shipping.TrackingNumber;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A carrier's scan of a parcel, as the rules read it. {@code scanId} is the carrier's id of the scan: the same id
 * posted twice is one scan.
 */
public record CarrierScan(
        TrackingNumber trackingNumber,
        String scanId,
        ShipmentStatus status,
        Instant occurredAt,
        String location,
        String detail,
        LocalDate estimatedDelivery) {

    public CarrierScan {
        requireNonNull(trackingNumber, "trackingNumber is null");
        requireNonNull(scanId, "scanId is null");
        requireNonNull(status, "status is null");
        requireNonNull(occurredAt, "occurredAt is null");
        if (!status.isCarrierScan()) {
            throw new IllegalArgumentException("scan '" + scanId + "' has status " + status + ", which carriers do not report");
        }
    }

    /**
     * The scan a message carries. The message must keep its annotations and its {@link ShipmentStatusChanged#brokenRules}.
     *
     * @throws IllegalArgumentException when it is not a well-formed carrier scan
     */
    public static CarrierScan of(ShipmentStatusChanged change) {
        requireNonNull(change, "change is null");
        if (change.trackingNumber() == null || change.scanId() == null || change.status() == null || change.occurredAt() == null) {
            throw new IllegalArgumentException("a carrier scan needs trackingNumber, scanId, status and occurredAt");
        }
        return new CarrierScan(AcmeTracking.ISSUER.parse(change.trackingNumber()), change.scanId(), change.status(),
                change.occurredAt(), change.location(), change.detail(), change.estimatedDelivery());
    }
}
