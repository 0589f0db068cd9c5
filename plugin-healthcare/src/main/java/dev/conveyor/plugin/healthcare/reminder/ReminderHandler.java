package dev.conveyor.plugin.healthcare.reminder;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.appointment.ReminderDue;
import dev.conveyor.plugin.healthcare.notification.NotificationKind;
import dev.conveyor.plugin.healthcare.notification.PatientMessages;
import dev.conveyor.plugin.healthcare.notification.PatientNotifications;
import dev.conveyor.plugin.healthcare.notification.PatientNotifier;
import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;

/**
 * The {@code reminders} stage: records the REMINDER notification of an appointment when its reminder falls due,
 * only if the appointment is still booked or rescheduled at the version the reminder was scheduled for and has
 * not begun. A cancel or reschedule bumps the version, so the reminder it leaves behind is ignored here. The
 * appointment's row is share-locked, so a change committing meanwhile is waited for and seen.
 */
public final class ReminderHandler implements Handler<ReminderDue> {

    private static final System.Logger log = System.getLogger(ReminderHandler.class.getName());

    private final PatientNotifier notifier;

    public ReminderHandler(List<NotificationChannel> channels) {
        this.notifier = new PatientNotifier(channels);
    }

    @Override
    public void handle(ReminderDue due, HandlerContext context) {
        String tenantId = context.tenantId();
        Appointment appointment = context.repository(Appointments.class).findForShareByAppointmentId(due.appointmentId())
                .orElseThrow(() -> new PermanentFailure("appointment '" + due.appointmentId() + "' of tenant '" + tenantId
                        + "' does not exist, so reminder message '" + context.messageId() + "' has no one to remind"));
        Instant now = context.clock().instant();
        if (!appointment.status().isActive() || appointment.version() != due.version()) {
            log.log(Level.INFO, "reminder of appointment {0} version {1} (tenant {2}) is stale: the appointment is {3} at "
                    + "version {4}; ignored", appointment.appointmentId(), due.version(), tenantId, appointment.status(),
                    appointment.version());
            return;
        }
        if (!appointment.startsAt().isAfter(now)) {
            log.log(Level.INFO, "reminder of appointment {0} version {1} (tenant {2}) came after the appointment began; ignored",
                    appointment.appointmentId(), due.version(), tenantId);
            return;
        }
        // The appointment is at the reminder's version, so its clinic snapshot is exactly what was booked.
        PatientMessages.Details details = new PatientMessages.Details(appointment.appointmentId(), appointment.requestId(),
                appointment.clinicName(), appointment.clinicAddress(), appointment.clinicTimeZone(), appointment.startsAt(),
                appointment.endsAt(), null);
        String message = PatientMessages.compose(NotificationKind.REMINDER, details);
        if (!notifier.record(context.repository(PatientNotifications.class), appointment, due.version(),
                NotificationKind.REMINDER, message, now).isEmpty()) {
            notifier.tell(context, appointment, NotificationKind.REMINDER, message, details);
        }
    }
}
