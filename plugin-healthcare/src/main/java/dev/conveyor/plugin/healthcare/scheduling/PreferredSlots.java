package dev.conveyor.plugin.healthcare.scheduling;

import dev.conveyor.sdk.Violation;
import java.util.List;

/** The structural rules of a list of preferred slots, shared by appointment requests and reschedules. */
public final class PreferredSlots {

    public static final int MAX_PREFERENCES = 10;

    private PreferredSlots() {
    }

    /** Adds to {@code violations} every problem of {@code preferences}, under {@code path} (such as {@code preferences}). */
    public static void check(String path, List<PreferredSlot> preferences, List<Violation> violations) {
        if (preferences == null || preferences.isEmpty()) {
            violations.add(new Violation(path, "must list 1 to " + MAX_PREFERENCES + " preferred slots, each with date, from and to"));
            return;
        }
        if (preferences.size() > MAX_PREFERENCES) {
            violations.add(new Violation(path, "has " + preferences.size() + " preferred slots; at most " + MAX_PREFERENCES
                    + " are allowed"));
        }
        for (int index = 0; index < preferences.size(); index++) {
            String slotPath = path + "[" + index + "]";
            PreferredSlot slot = preferences.get(index);
            if (slot == null) {
                violations.add(new Violation(slotPath, "is null; give date, from and to"));
                continue;
            }
            if (slot.date() == null) {
                violations.add(new Violation(slotPath + ".date", "is required: a date such as 2026-03-03"));
            }
            if (slot.from() == null) {
                violations.add(new Violation(slotPath + ".from", "is required: the earliest start, such as 09:00"));
            }
            if (slot.to() == null) {
                violations.add(new Violation(slotPath + ".to", "is required: the latest end, such as 12:00"));
            }
            if (slot.from() != null && slot.to() != null && !slot.to().isAfter(slot.from())) {
                violations.add(new Violation(slotPath + ".to", "must be after from (" + slot.from() + "), was " + slot.to()));
            }
        }
    }
}
