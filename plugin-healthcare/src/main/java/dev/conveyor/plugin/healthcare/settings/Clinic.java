package dev.conveyor.plugin.healthcare.settings;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * A clinic of the tenant, as configured in {@code clinics}: opening hours are local to {@code timeZone}, the same
 * on every open day; appointments start every {@code slotMinutes} from {@code opens}, and each slot takes up to
 * {@code capacity} patients.
 */
public record Clinic(
        String id,
        String name,
        String address,
        ZoneId timeZone,
        LocalTime opens,
        LocalTime closes,
        Set<DayOfWeek> days,
        int slotMinutes,
        int capacity) {

    public Clinic {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(address, "address is null");
        requireNonNull(timeZone, "timeZone is null");
        requireNonNull(opens, "opens is null");
        requireNonNull(closes, "closes is null");
        requireNonNull(days, "days is null");
        if (days.isEmpty()) {
            throw new IllegalArgumentException("clinic '" + id + "' must be open on at least one day");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("clinic '" + id + "' closes at " + closes + ", not after it opens at " + opens);
        }
        if (slotMinutes < 1 || slotMinutes > Duration.between(opens, closes).toMinutes()) {
            throw new IllegalArgumentException("clinic '" + id + "' has slots of " + slotMinutes
                    + " minutes, which do not fit between " + opens + " and " + closes);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("clinic '" + id + "' has capacity " + capacity + "; it must be at least 1");
        }
    }

    public boolean isOpenOn(DayOfWeek day) {
        return days.contains(day);
    }
}
