package dev.conveyor.plugin.healthcare.notification;

import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import java.util.List;
import org.springframework.data.repository.Repository;

/** The notifications recorded for the tenant's patients. */
public interface PatientNotifications extends Repository<PatientNotification, Long> {

    boolean existsByAppointmentIdAndVersionAndChannelAndKind(String appointmentId, int version, NotificationChannel channel,
            NotificationKind kind);

    /** The appointment's notifications, oldest first. */
    List<PatientNotification> findByAppointmentIdOrderByCreatedAtAscIdAsc(String appointmentId);

    PatientNotification save(PatientNotification notification);
}
