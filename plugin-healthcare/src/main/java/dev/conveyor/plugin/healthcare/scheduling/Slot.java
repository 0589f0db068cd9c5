package dev.conveyor.plugin.healthcare.scheduling;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.settings.Clinic;
import java.time.Instant;

/** One appointment slot of a clinic: the unit that capacity counts. */
public record Slot(Clinic clinic, Instant startsAt, Instant endsAt) {

    public Slot {
        requireNonNull(clinic, "clinic is null");
        requireNonNull(startsAt, "startsAt is null");
        requireNonNull(endsAt, "endsAt is null");
        if (!endsAt.isAfter(startsAt)) {
            throw new IllegalArgumentException("slot of clinic '" + clinic.id() + "' ends at " + endsAt + ", not after it starts at "
                    + startsAt);
        }
    }
}
