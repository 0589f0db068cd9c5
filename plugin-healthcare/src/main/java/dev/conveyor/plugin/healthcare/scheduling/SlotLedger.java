package dev.conveyor.plugin.healthcare.scheduling;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Books and frees clinic slots through their seat counts ({@link ClinicSlots}): the one guard against overbooking.
 * All of it runs in the handler's transaction, so a rollback gives the seat back.
 */
public final class SlotLedger {

    private SlotLedger() {
    }

    /**
     * Books the first slot of {@code windows}, in order, that has a free seat and that {@code excluded} does not
     * reject. Slots the database already shows full are skipped without an attempt.
     */
    public static Optional<Slot> bookFirstFree(ClinicSlots slots, String tenantId, List<ClinicWindow> windows,
            Predicate<Slot> excluded) {
        requireNonNull(slots, "slots is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(windows, "windows is null");
        requireNonNull(excluded, "excluded is null");
        for (ClinicWindow window : windows) {
            if (window.slots().isEmpty()) {
                continue;
            }
            List<Slot> candidates = window.slots();
            // Only a hint, taken at the clinic's current capacity: the conditional update decides.
            Set<Instant> full = new HashSet<>(slots.fullSlots(window.clinic().id(), candidates.get(0).startsAt(),
                    candidates.get(candidates.size() - 1).startsAt(), window.clinic().capacity()));
            for (Slot slot : candidates) {
                if (!full.contains(slot.startsAt()) && !excluded.test(slot) && tryBook(slots, tenantId, slot)) {
                    return Optional.of(slot);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Takes one seat of {@code slot} if it has one free. The clinic's current capacity applies: raising it frees
     * seats at once, lowering it refuses new bookings while those already made stand.
     */
    public static boolean tryBook(ClinicSlots slots, String tenantId, Slot slot) {
        String clinicId = slot.clinic().id();
        int capacity = slot.clinic().capacity();
        slots.insertIfAbsent(tenantId, clinicId, slot.startsAt().atOffset(ZoneOffset.UTC), capacity);
        return slots.takeSeat(clinicId, slot.startsAt(), capacity) == 1;
    }

    /** Gives back one seat of a slot; false when the slot had none booked (nothing to give back). */
    public static boolean release(ClinicSlots slots, String clinicId, Instant startsAt) {
        requireNonNull(clinicId, "clinicId is null");
        requireNonNull(startsAt, "startsAt is null");
        return slots.giveBackSeat(clinicId, startsAt) == 1;
    }
}
