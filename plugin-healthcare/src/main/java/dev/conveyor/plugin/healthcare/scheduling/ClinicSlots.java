package dev.conveyor.plugin.healthcare.scheduling;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * The seat counts of the tenant's clinic slots. Each change is one conditional statement whose row count says whether
 * it happened: Postgres locks the row for it, so concurrent bookings in any process queue behind each other and each
 * re-checks {@code booked} after the one before commits; {@code check (booked <= capacity)} backs it.
 */
public interface ClinicSlots extends Repository<ClinicSlot, ClinicSlotId> {

    /** Makes sure the slot's row exists, with no seat taken; 0 when it did already. */
    @Modifying
    @Query(nativeQuery = true, value = """
            insert into healthcare_slot (tenant_id, clinic_id, starts_at, booked, capacity)
            values (:tenantId, :clinicId, :startsAt, 0, :capacity)
            on conflict do nothing""")
    int insertIfAbsent(String tenantId, String clinicId, OffsetDateTime startsAt, int capacity);

    /** Takes a seat if fewer than {@code capacity} are taken, and records that capacity; 1 when it did, else 0. */
    @Modifying
    @Query("""
            update ClinicSlot s set s.booked = s.booked + 1, s.capacity = :capacity
            where s.id.clinicId = :clinicId and s.id.startsAt = :startsAt and s.booked < :capacity""")
    int takeSeat(String clinicId, Instant startsAt, int capacity);

    /** Gives a seat back; 0 when none was taken. */
    @Modifying
    @Query("""
            update ClinicSlot s set s.booked = s.booked - 1
            where s.id.clinicId = :clinicId and s.id.startsAt = :startsAt and s.booked > 0""")
    int giveBackSeat(String clinicId, Instant startsAt);

    /** The starts of the clinic's slots between {@code from} and {@code to} that have {@code capacity} seats taken. */
    @Query("""
            select s.id.startsAt from ClinicSlot s
            where s.id.clinicId = :clinicId and s.id.startsAt between :from and :to and s.booked >= :capacity""")
    List<Instant> fullSlots(String clinicId, Instant from, Instant to, int capacity);
}
