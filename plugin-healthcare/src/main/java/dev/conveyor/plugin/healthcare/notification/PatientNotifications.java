package dev.conveyor.plugin.healthcare.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import jakarta.persistence.EntityManager;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records notifications, once per (appointment, version, channel, kind), and looks them up within one tenant. */
public final class PatientNotifications {

    private static final System.Logger log = System.getLogger(PatientNotifications.class.getName());

    private PatientNotifications() {
    }

    /**
     * Records {@code message} for every enabled channel the patient gave a contact for, unless it is recorded
     * already (a redelivery, or a copy; unique (tenant, appointment, version, channel, kind) settles a race).
     * Returns the channels recorded now.
     */
    public static List<NotificationChannel> record(EntityManager entityManager, Appointment appointment, int version,
            NotificationKind kind, String message, List<NotificationChannel> enabled, Instant now) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(appointment, "appointment is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(message, "message is null");
        requireNonNull(enabled, "enabled is null");
        List<NotificationChannel> recorded = new ArrayList<>();
        boolean reachable = false;
        for (NotificationChannel channel : enabled) {
            String recipient = switch (channel) {
                case EMAIL -> appointment.patientEmail();
                case SMS -> appointment.patientPhone();
            };
            if (recipient == null) {
                continue;
            }
            reachable = true;
            if (exists(entityManager, appointment.tenantId(), appointment.appointmentId(), version, channel, kind)) {
                continue;
            }
            entityManager.persist(new PatientNotification(appointment.tenantId(), appointment.appointmentId(), version, channel,
                    kind, recipient, message, now));
            recorded.add(channel);
        }
        if (!reachable) {
            log.log(Level.WARNING, "appointment {0} of tenant {1}: the patient has no contact for the enabled channels {2}, "
                    + "so the {3} notification of version {4} is not recorded", appointment.appointmentId(),
                    appointment.tenantId(), enabled, kind, version);
        }
        return List.copyOf(recorded);
    }

    public static boolean exists(EntityManager entityManager, String tenantId, String appointmentId, int version,
            NotificationChannel channel, NotificationKind kind) {
        return entityManager.createQuery(
                        "select count(n) from HealthcareNotification n where n.tenantId = :tenantId"
                                + " and n.appointmentId = :appointmentId and n.version = :version and n.channel = :channel"
                                + " and n.kind = :kind",
                        Long.class)
                .setParameter("tenantId", tenantId)
                .setParameter("appointmentId", appointmentId)
                .setParameter("version", version)
                .setParameter("channel", channel)
                .setParameter("kind", kind)
                .getSingleResult() > 0;
    }

    /** The appointment's notifications, oldest first. */
    public static List<PatientNotification> of(EntityManager entityManager, String tenantId, String appointmentId) {
        requireNonNull(entityManager, "entityManager is null");
        requireNonNull(tenantId, "tenantId is null");
        requireNonNull(appointmentId, "appointmentId is null");
        return entityManager.createQuery(
                        "select n from HealthcareNotification n where n.tenantId = :tenantId and n.appointmentId = :appointmentId"
                                + " order by n.createdAt, n.id",
                        PatientNotification.class)
                .setParameter("tenantId", tenantId)
                .setParameter("appointmentId", appointmentId)
                .getResultList();
    }
}
