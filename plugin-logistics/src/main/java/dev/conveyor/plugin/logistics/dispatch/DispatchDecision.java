package dev.conveyor.plugin.logistics.dispatch;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What dispatch makes of a well-formed order: turned down with a reason, or planned. */
public sealed interface DispatchDecision {

    record Rejected(String reason) implements DispatchDecision {

        public Rejected {
            requireNonNull(reason, "reason is null");
        }
    }

    record Planned(Hub hub, LocalDate pickupDate, LocalDate estimatedDelivery, BigDecimal totalWeightKg, int parcelCount)
            implements DispatchDecision {

        public Planned {
            requireNonNull(hub, "hub is null");
            requireNonNull(pickupDate, "pickupDate is null");
            requireNonNull(estimatedDelivery, "estimatedDelivery is null");
            requireNonNull(totalWeightKg, "totalWeightKg is null");
            if (parcelCount < 1) {
                throw new IllegalArgumentException("parcelCount must be at least 1, was " + parcelCount);
            }
        }
    }
}
