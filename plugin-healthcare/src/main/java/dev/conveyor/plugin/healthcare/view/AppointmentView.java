package dev.conveyor.plugin.healthcare.view;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.notification.NotificationKind;
import dev.conveyor.plugin.healthcare.notification.PatientNotification;
import dev.conveyor.plugin.healthcare.notification.PatientNotifications;
import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import dev.conveyor.plugin.healthcare.sync.SyncState;
import dev.conveyor.plugin.healthcare.sync.SyncStatus;
import dev.conveyor.plugin.healthcare.sync.SyncStatuses;
import dev.conveyor.sdk.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The {@code appointments} view: where an appointment stands (status, version, clinic, times in UTC with the
 * clinic's time zone, why it was declined or a change refused), its sync status per system and version, and the
 * notifications recorded for it. It shows ids, not the patient's name or contact.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentView(
        String appointmentId,
        String requestId,
        String patientId,
        AppointmentStatus status,
        int version,
        String clinicId,
        String clinicName,
        String clinicAddress,
        String clinicTimeZone,
        Instant startsAt,
        Instant endsAt,
        String declineReason,
        String lastChangeRejection,
        Instant lastChangeRejectedAt,
        Instant receivedAt,
        Instant updatedAt,
        List<Sync> sync,
        List<Notification> notifications) {

    public AppointmentView {
        requireNonNull(appointmentId, "appointmentId is null");
        requireNonNull(status, "status is null");
        sync = List.copyOf(requireNonNull(sync, "sync is null"));
        notifications = List.copyOf(requireNonNull(notifications, "notifications is null"));
    }

    /**
     * The {@link dev.conveyor.sdk.View.Finder} of the {@code appointments} view, keyed by appointmentId.
     *
     * @throws dev.conveyor.sdk.ValidationException when the key cannot be an appointment id (the API answers 400)
     */
    public static Optional<AppointmentView> find(String appointmentId, RequestContext context) {
        Keys.id("appointmentId", appointmentId);
        return context.repository(Appointments.class).findByAppointmentId(appointmentId).map(appointment -> of(appointment,
                context.repository(SyncStatuses.class).ofAppointment(appointmentId),
                context.repository(PatientNotifications.class).findByAppointmentIdOrderByCreatedAtAscIdAsc(appointmentId)));
    }

    public static AppointmentView of(Appointment appointment, List<SyncStatus> sync, List<PatientNotification> notifications) {
        return new AppointmentView(
                appointment.appointmentId(),
                appointment.requestId(),
                appointment.patientId(),
                appointment.status(),
                appointment.version(),
                appointment.clinicId(),
                appointment.clinicName(),
                appointment.clinicAddress(),
                appointment.clinicTimeZone() == null ? null : appointment.clinicTimeZone().getId(),
                appointment.startsAt(),
                appointment.endsAt(),
                appointment.declineReason(),
                appointment.changeRejection(),
                appointment.changeRejectedAt(),
                appointment.receivedAt(),
                appointment.updatedAt(),
                sync.stream().map(Sync::of).toList(),
                notifications.stream().map(Notification::of).toList());
    }

    /** The sync of one version to one system of record. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sync(String system, int version, SyncState status, int attempts, String lastError, Instant nextAttemptAt,
            Instant updatedAt) {

        static Sync of(SyncStatus status) {
            return new Sync(status.id().systemName(), status.id().version(), status.status(), status.attempts(),
                    status.lastError(), status.nextAttemptAt(), status.updatedAt());
        }
    }

    /** A notification recorded for the patient: which version, what about, through which channel, and when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notification(int version, NotificationKind kind, NotificationChannel channel, Instant recordedAt) {

        static Notification of(PatientNotification notification) {
            return new Notification(notification.version(), notification.kind(), notification.channel(),
                    notification.createdAt());
        }
    }
}
