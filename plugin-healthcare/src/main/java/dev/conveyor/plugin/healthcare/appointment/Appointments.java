package dev.conveyor.plugin.healthcare.appointment;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

/** The tenant's appointments, by their keys. */
public interface Appointments extends Repository<Appointment, Long> {

    Optional<Appointment> findByAppointmentId(String appointmentId);

    /** The appointment, its row locked for a change until the transaction ends: two changes apply one after the other. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Appointment> findForUpdateByAppointmentId(String appointmentId);

    /** The appointment, its row share-locked until the transaction ends: a change committing meanwhile is waited for. */
    @Lock(LockModeType.PESSIMISTIC_READ)
    Optional<Appointment> findForShareByAppointmentId(String appointmentId);

    Optional<Appointment> findByRequestId(String requestId);

    Appointment save(Appointment appointment);
}
