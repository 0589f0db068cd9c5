package dev.conveyor.plugin.healthcare.scheduling;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.settings.Clinic;
import java.util.List;

/**
 * The slots of one clinic that fit one preferred slot, earliest first; when there are none, {@code unavailable}
 * says why (closed that day, outside opening hours, already past).
 */
public record ClinicWindow(int preferenceIndex, PreferredSlot preference, Clinic clinic, List<Slot> slots, String unavailable) {

    public ClinicWindow {
        requireNonNull(preference, "preference is null");
        requireNonNull(clinic, "clinic is null");
        slots = List.copyOf(requireNonNull(slots, "slots is null"));
        if (slots.isEmpty() == (unavailable == null)) {
            throw new IllegalArgumentException("a clinic window has either slots or a reason why it has none");
        }
    }
}
