package dev.conveyor.plugin.healthcare.appointment;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;

/** Looks appointments up by their keys, always within one tenant. */
public final class Appointments {

    private Appointments() {
    }

    public static Optional<Appointment> find(EntityManager entityManager, String tenantId, String appointmentId) {
        return find(entityManager, tenantId, appointmentId, LockModeType.NONE);
    }

    /**
     * The appointment, its row locked until the transaction ends: {@code PESSIMISTIC_WRITE} for a change (two
     * changes of one appointment then apply one after the other), {@code PESSIMISTIC_READ} for a decision that a
     * concurrent change must not overtake (a reminder).
     */
    public static Optional<Appointment> find(EntityManager entityManager, String tenantId, String appointmentId,
            LockModeType lock) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(lock, "lock is null");
        if (appointmentId == null) {
            return Optional.empty();
        }
        return entityManager.createQuery(
                        "select a from HealthcareAppointment a where a.tenantId = :tenantId and a.appointmentId = :appointmentId",
                        Appointment.class)
                .setParameter("tenantId", tenantId)
                .setParameter("appointmentId", appointmentId)
                .setLockMode(lock)
                .getResultStream()
                .findFirst();
    }

    public static Optional<Appointment> findByRequest(EntityManager entityManager, String tenantId, String requestId) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        if (requestId == null) {
            return Optional.empty();
        }
        return entityManager.createQuery(
                        "select a from HealthcareAppointment a where a.tenantId = :tenantId and a.requestId = :requestId",
                        Appointment.class)
                .setParameter("tenantId", tenantId)
                .setParameter("requestId", requestId)
                .getResultStream()
                .findFirst();
    }
}
