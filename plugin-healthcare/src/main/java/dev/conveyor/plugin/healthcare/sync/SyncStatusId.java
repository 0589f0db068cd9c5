package dev.conveyor.plugin.healthcare.sync;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;

/** The key of a sync status within the tenant: one appointment version and one system of record. */
@Embeddable
public record SyncStatusId(
        @Column(name = "appointment_id", nullable = false, updatable = false) String appointmentId,
        @Column(name = "version", nullable = false, updatable = false) int version,
        @Column(name = "system_name", nullable = false, updatable = false) String systemName) implements Serializable {

    @Override
    public String toString() {
        return appointmentId + "-v" + version + "/" + systemName;
    }
}
