package dev.conveyor.plugin.healthcare.scheduling;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.time.Instant;

/** The key of a slot's seat count within the tenant: the clinic and the slot's start. */
@Embeddable
public record ClinicSlotId(
        @Column(name = "clinic_id", nullable = false, updatable = false) String clinicId,
        @Column(name = "starts_at", nullable = false, updatable = false) Instant startsAt) implements Serializable {
}
