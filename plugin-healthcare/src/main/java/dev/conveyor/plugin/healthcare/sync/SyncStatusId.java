package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.io.Serializable;
import java.util.Objects;

/** The key of a sync status: one appointment version and one system of record of one tenant. */
@Embeddable
public class SyncStatusId implements Serializable {

    private static final long serialVersionUID = 1L;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

    @Column(name = "appointment_id", nullable = false, updatable = false)
    private String appointmentId;

    @Column(name = "version", nullable = false, updatable = false)
    private int version;

    @Column(name = "system_name", nullable = false, updatable = false)
    private String systemName;

    protected SyncStatusId() {
        // for JPA
    }

    public SyncStatusId(String tenantId, String appointmentId, int version, String systemName) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        this.appointmentId = requireNonNull(appointmentId, "appointmentId is null");
        this.version = version;
        this.systemName = requireNonNull(systemName, "systemName is null");
    }

    public String tenantId() {
        return tenantId;
    }

    public String appointmentId() {
        return appointmentId;
    }

    public int version() {
        return version;
    }

    public String systemName() {
        return systemName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SyncStatusId that && version == that.version && tenantId.equals(that.tenantId)
                && appointmentId.equals(that.appointmentId) && systemName.equals(that.systemName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, appointmentId, version, systemName);
    }

    @Override
    public String toString() {
        return tenantId + "/" + appointmentId + "-v" + version + "/" + systemName;
    }
}
