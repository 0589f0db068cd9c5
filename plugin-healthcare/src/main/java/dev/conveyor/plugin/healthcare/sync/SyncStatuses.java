package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** Looks sync statuses up, always within one tenant. */
public final class SyncStatuses {

    private SyncStatuses() {
    }

    public static Optional<SyncStatus> find(EntityManager entityManager, SyncStatusId id) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(id, "id is null");
        return Optional.ofNullable(entityManager.find(SyncStatus.class, id));
    }

    /** The statuses of every version of the appointment, by version and system name. */
    public static List<SyncStatus> of(EntityManager entityManager, String tenantId, String appointmentId) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(appointmentId, "appointmentId is null");
        return entityManager.createQuery(
                        "select s from HealthcareSyncStatus s where s.id.tenantId = :tenantId"
                                + " and s.id.appointmentId = :appointmentId order by s.id.version, s.id.systemName",
                        SyncStatus.class)
                .setParameter("tenantId", tenantId)
                .setParameter("appointmentId", appointmentId)
                .getResultList();
    }
}
