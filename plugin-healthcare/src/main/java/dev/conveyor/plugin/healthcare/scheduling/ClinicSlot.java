package dev.conveyor.plugin.healthcare.scheduling;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * How many patients one clinic slot has: a row of {@code healthcare_slot}, written only through the conditional
 * updates of {@link ClinicSlots} (see {@link SlotLedger}); mapped so that those queries can name it.
 */
@Entity
@Table(name = "healthcare_slot")
public class ClinicSlot extends TenantScoped {

    @EmbeddedId
    private ClinicSlotId id;

    @Column(name = "booked", nullable = false)
    private int booked;

    /** The clinic's capacity at the last booking. */
    @Column(name = "capacity", nullable = false)
    private int capacity;

    protected ClinicSlot() {
        // for JPA
    }

    public ClinicSlotId id() {
        return id;
    }

    public int booked() {
        return booked;
    }

    public int capacity() {
        return capacity;
    }
}
