package dev.conveyor.plugin.healthcare.sync;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The tenant's sync statuses. */
public interface SyncStatuses extends Repository<SyncStatus, SyncStatusId> {

    Optional<SyncStatus> findById(SyncStatusId id);

    /** The statuses of every version of the appointment, by version and system name. */
    @Query("select s from SyncStatus s where s.id.appointmentId = :appointmentId order by s.id.version, s.id.systemName")
    List<SyncStatus> ofAppointment(String appointmentId);

    SyncStatus save(SyncStatus status);
}
