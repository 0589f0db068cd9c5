package dev.conveyor.plugin.healthcare.scheduling;

import dev.conveyor.sdk.Violation;
import java.util.List;

/** The rule of preferred slots that spans their fields, shared by appointment requests and reschedules. */
public final class PreferredSlots {

    /** How many preferred slots a request or reschedule may list. */
    public static final int MAX = 10;

    private PreferredSlots() {
    }

    /** Adds to {@code violations} every slot of {@code preferences} that ends before it starts, under {@code path}. */
    public static void checkOrder(String path, List<PreferredSlot> preferences, List<Violation> violations) {
        for (int index = 0; index < preferences.size(); index++) {
            PreferredSlot slot = preferences.get(index);
            if (!slot.to().isAfter(slot.from())) {
                violations.add(new Violation(path + "[" + index + "].to", "must be after from (" + slot.from() + "), was "
                        + slot.to()));
            }
        }
    }
}
