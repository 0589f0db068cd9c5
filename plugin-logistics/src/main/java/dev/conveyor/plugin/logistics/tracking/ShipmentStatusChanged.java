package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.sdk.Violation;
import dev.conveyor.shipping.S10Number;
import dev.conveyor.shipping.TrackingNumber;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A shipment reached a status ({@code logistics.shipment-status.v1}): either LABEL_CREATED, announced by the
 * tracking stage for an order, or a carrier scan posted to {@code tracking-events}, which names the tracking number
 * and its own {@code scanId} and may leave out the order. {@code location} is a hub or a place; {@code detail} is
 * what the carrier adds, such as the reason of an exception or who signed for a delivery. The annotations are checked
 * by the platform; {@link #brokenRules} holds the rules across fields and against the clock. {@code scanId} and
 * {@code detail} came later and are optional, so messages written before them still decode.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentStatusChanged(
        @Pattern(regexp = OrderRequest.ORDER_ID_PATTERN, message = OrderRequest.ORDER_ID_RULE) String orderId,
        @NotBlank(message = "is required: the UPU S10 number on the parcel, such as " + AcmeTracking.EXAMPLE)
        @S10Number(example = AcmeTracking.EXAMPLE) String trackingNumber,
        @NotNull(message = "is required: " + CARRIER_STATUSES) ShipmentStatus status,
        @NotNull(message = "is required: when the parcel was scanned, such as 2026-11-28T09:15:00Z") Instant occurredAt,
        LocalDate estimatedDelivery,
        @Size(max = 200, message = "is longer than the {max} characters allowed") String location,
        @Size(max = 100, message = "is longer than the {max} characters allowed") String scanId,
        @Size(max = 500, message = "is longer than the {max} characters allowed") String detail) {

    /** How far ahead of the clock a scan may claim to have occurred: carriers' clocks and time zones are not ours. */
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofDays(1);

    private static final String CARRIER_STATUSES = "IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED or EXCEPTION";

    /** What the tracking stage announces once it has printed the label of {@code orderId} at {@code hub}. */
    public static ShipmentStatusChanged labelCreated(String orderId, TrackingNumber trackingNumber, Instant occurredAt,
            LocalDate estimatedDelivery, String hub) {
        return new ShipmentStatusChanged(orderId, trackingNumber.value(), ShipmentStatus.LABEL_CREATED, occurredAt,
                estimatedDelivery, hub, null, null);
    }

    /**
     * The rules the annotations cannot say, of a message that keeps them: LABEL_CREATED comes from the tracking stage
     * alone (with the orderId, without a scanId); a carrier scan has its scanId; and it occurred no more than
     * {@link #MAX_CLOCK_AHEAD} after {@code now}. Empty when they hold.
     */
    public List<Violation> brokenRules(Instant now) {
        requireNonNull(now, "now is null");
        List<Violation> violations = new ArrayList<>();
        if (status == ShipmentStatus.LABEL_CREATED) {
            if (orderId == null || scanId != null) {
                violations.add(new Violation("status", "LABEL_CREATED is not a carrier scan: Acme's tracking stage announces "
                        + "it, with the orderId and without a scanId, when it prints the label; a carrier posts " + CARRIER_STATUSES));
            }
        } else if (scanId == null || scanId.isBlank()) {
            violations.add(new Violation("scanId", "is required: the carrier's id of this scan, so that a scan posted twice "
                    + "counts once"));
        }
        if (occurredAt.isAfter(now.plus(MAX_CLOCK_AHEAD))) {
            violations.add(new Violation("occurredAt", "is " + occurredAt + ", more than " + MAX_CLOCK_AHEAD.toHours()
                    + " hours ahead of now (" + now.truncatedTo(ChronoUnit.SECONDS) + "); send when the parcel was scanned, "
                    + "in UTC or with its offset"));
        }
        return List.copyOf(violations);
    }
}
