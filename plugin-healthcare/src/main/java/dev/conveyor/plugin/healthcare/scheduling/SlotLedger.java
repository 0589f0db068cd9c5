package dev.conveyor.plugin.healthcare.scheduling;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * How many patients each slot has, in {@code healthcare_slot}: the one guard against overbooking. Booking is an
 * {@code insert ... on conflict do nothing} that makes sure the slot's row exists, then one conditional
 * {@code update ... booked = booked + 1 ... where booked < capacity} whose row count says whether the seat was
 * won. Postgres locks the row for the update, so concurrent transactions in any process queue behind each other
 * and each re-checks {@code booked} after the one before it commits; the {@code check (booked <= capacity)}
 * backs it. All of it runs in the handler's transaction: a rollback gives the seat back.
 */
public final class SlotLedger {

    private SlotLedger() {
    }

    /**
     * Books the first slot of {@code windows}, in order, that has a free seat and that {@code excluded} does not
     * reject. Slots the database already shows full are skipped without an attempt.
     */
    public static Optional<Slot> bookFirstFree(EntityManager entityManager, String tenantId, List<ClinicWindow> windows,
            Predicate<Slot> excluded) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(windows, "windows is null");
        requireNonNull(excluded, "excluded is null");
        for (ClinicWindow window : windows) {
            if (window.slots().isEmpty()) {
                continue;
            }
            Set<Instant> full = fullSlots(entityManager, tenantId, window);
            for (Slot slot : window.slots()) {
                if (!full.contains(slot.startsAt()) && !excluded.test(slot) && tryBook(entityManager, tenantId, slot)) {
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
    public static boolean tryBook(EntityManager entityManager, String tenantId, Slot slot) {
        OffsetDateTime startsAt = utc(slot.startsAt());
        int capacity = slot.clinic().capacity();
        entityManager.createNativeQuery("""
                insert into healthcare_slot (tenant_id, clinic_id, starts_at, booked, capacity)
                values (?1, ?2, ?3, 0, ?4)
                on conflict do nothing""")
                .setParameter(1, tenantId)
                .setParameter(2, slot.clinic().id())
                .setParameter(3, startsAt)
                .setParameter(4, capacity)
                .executeUpdate();
        return entityManager.createNativeQuery("""
                update healthcare_slot set booked = booked + 1, capacity = ?4
                where tenant_id = ?1 and clinic_id = ?2 and starts_at = ?3 and booked < ?4""")
                .setParameter(1, tenantId)
                .setParameter(2, slot.clinic().id())
                .setParameter(3, startsAt)
                .setParameter(4, capacity)
                .executeUpdate() == 1;
    }

    /** Gives back one seat of a slot; false when the slot had none booked (nothing to give back). */
    public static boolean release(EntityManager entityManager, String tenantId, String clinicId, Instant startsAt) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(clinicId, "clinicId is null");
        requireNonNull(startsAt, "startsAt is null");
        return entityManager.createNativeQuery("""
                update healthcare_slot set booked = booked - 1
                where tenant_id = ?1 and clinic_id = ?2 and starts_at = ?3 and booked > 0""")
                .setParameter(1, tenantId)
                .setParameter(2, clinicId)
                .setParameter(3, utc(startsAt))
                .executeUpdate() == 1;
    }

    /** The starts of the window's slots that are full at the clinic's current capacity; only a hint, the update decides. */
    private static Set<Instant> fullSlots(EntityManager entityManager, String tenantId, ClinicWindow window) {
        List<Slot> slots = window.slots();
        @SuppressWarnings("unchecked")
        List<Number> epochSeconds = entityManager.createNativeQuery("""
                select cast(extract(epoch from starts_at) as bigint) from healthcare_slot
                where tenant_id = ?1 and clinic_id = ?2 and starts_at >= ?3 and starts_at <= ?4 and booked >= ?5""")
                .setParameter(1, tenantId)
                .setParameter(2, window.clinic().id())
                .setParameter(3, utc(slots.get(0).startsAt()))
                .setParameter(4, utc(slots.get(slots.size() - 1).startsAt()))
                .setParameter(5, window.clinic().capacity())
                .getResultList();
        Set<Instant> full = new HashSet<>();
        epochSeconds.forEach(seconds -> full.add(Instant.ofEpochSecond(seconds.longValue())));
        return full;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
