package dev.conveyor.plugin.healthcare;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentEvents;
import dev.conveyor.plugin.healthcare.appointment.AppointmentRequest;
import dev.conveyor.plugin.healthcare.appointment.ManagementHandler;
import dev.conveyor.plugin.healthcare.appointment.ReminderDue;
import dev.conveyor.plugin.healthcare.change.AppointmentChange;
import dev.conveyor.plugin.healthcare.change.ChangeHandler;
import dev.conveyor.plugin.healthcare.notification.NotifyHandler;
import dev.conveyor.plugin.healthcare.notification.PatientNotification;
import dev.conveyor.plugin.healthcare.reminder.ReminderHandler;
import dev.conveyor.plugin.healthcare.scheduling.ClinicSlot;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.plugin.healthcare.settings.SettingsRules;
import dev.conveyor.plugin.healthcare.sync.DataSyncHandler;
import dev.conveyor.plugin.healthcare.sync.SyncRetryDue;
import dev.conveyor.plugin.healthcare.sync.SyncRetryHandler;
import dev.conveyor.plugin.healthcare.sync.SyncStatus;
import dev.conveyor.plugin.healthcare.view.AppointmentView;
import dev.conveyor.plugin.healthcare.view.RequestView;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.Persistence;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.StageSettings;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import java.util.List;

/**
 * HealthCare Solutions: {@code AppointmentQueue -> management -> AssignmentQueue}, which fans out to both
 * {@code data-sync} and {@code notify}; {@code ChangeQueue -> changes -> AssignmentQueue}; booking and rescheduling
 * schedule to {@code ReminderQueue -> reminders}; failed syncs retry through {@code SyncRetryQueue -> sync-retry}.
 */
public final class HealthcarePlugin implements DomainPlugin<HealthcareSettings> {

    public static final Queue<AppointmentRequest> APPOINTMENT_QUEUE =
            Queue.of("AppointmentQueue", "healthcare.appointment-request.v1", AppointmentRequest.class);
    public static final Queue<AppointmentAssigned> ASSIGNMENT_QUEUE =
            Queue.of("AssignmentQueue", "healthcare.appointment-assigned.v1", AppointmentAssigned.class);
    public static final Queue<AppointmentChange> CHANGE_QUEUE =
            Queue.of("ChangeQueue", "healthcare.appointment-change.v1", AppointmentChange.class);
    public static final Queue<ReminderDue> REMINDER_QUEUE =
            Queue.of("ReminderQueue", "healthcare.reminder-due.v1", ReminderDue.class);
    public static final Queue<SyncRetryDue> SYNC_RETRY_QUEUE =
            Queue.of("SyncRetryQueue", "healthcare.sync-retry-due.v1", SyncRetryDue.class);

    /**
     * For the stages that post to systems of record: a message's post (after its transaction, holding no database
     * connection) may take up to 10 s, so fewer run at once than the default, bounding what one tenant's slow systems
     * keep waiting.
     */
    static final StageSettings HTTP_STAGE = StageSettings.defaults().withConcurrency(4).withBatchSize(4);

    public static final Stage<AppointmentRequest> MANAGEMENT =
            Stage.of("management", APPOINTMENT_QUEUE, ASSIGNMENT_QUEUE, REMINDER_QUEUE);
    public static final Stage<AppointmentChange> CHANGES = Stage.of("changes", CHANGE_QUEUE, ASSIGNMENT_QUEUE, REMINDER_QUEUE);
    public static final Stage<AppointmentAssigned> DATA_SYNC =
            Stage.of("data-sync", ASSIGNMENT_QUEUE, SYNC_RETRY_QUEUE).withSettings(HTTP_STAGE);
    public static final Stage<AppointmentAssigned> NOTIFY = Stage.of("notify", ASSIGNMENT_QUEUE);
    public static final Stage<ReminderDue> REMINDERS = Stage.of("reminders", REMINDER_QUEUE);
    public static final Stage<SyncRetryDue> SYNC_RETRY =
            Stage.of("sync-retry", SYNC_RETRY_QUEUE, SYNC_RETRY_QUEUE).withSettings(HTTP_STAGE);

    private static final Topology TOPOLOGY = Topology.of(MANAGEMENT, CHANGES, DATA_SYNC, NOTIFY, REMINDERS, SYNC_RETRY);

    @Override
    public String id() {
        return "healthcare";
    }

    @Override
    public String displayName() {
        return "Healthcare (HealthCare Solutions)";
    }

    @Override
    public Topology topology() {
        return TOPOLOGY;
    }

    @Override
    public Class<HealthcareSettings> settingsType() {
        return HealthcareSettings.class;
    }

    @Override
    public List<Violation> validateSettings(HealthcareSettings settings) {
        return SettingsRules.check(settings);
    }

    @Override
    public Handlers handlers(HealthcareSettings settings) {
        return Handlers.builder()
                .on(MANAGEMENT, new ManagementHandler(settings))
                .on(CHANGES, new ChangeHandler(settings))
                .on(DATA_SYNC, new DataSyncHandler(settings.systemsOfRecord()))
                .on(NOTIFY, new NotifyHandler(settings))
                .on(REMINDERS, new ReminderHandler(settings.notificationChannels()))
                .on(SYNC_RETRY, new SyncRetryHandler(settings.systemsOfRecord()))
                .build();
    }

    @Override
    public List<EventType<?>> eventTypes() {
        return List.of(AppointmentEvents.UPDATED);
    }

    @Override
    public Persistence persistence() {
        return Persistence.of("classpath:db/healthcare", Appointment.class, ClinicSlot.class, SyncStatus.class,
                PatientNotification.class);
    }

    @Override
    public List<IngestRoute<?>> ingestRoutes() {
        return List.of(
                IngestRoute.of("appointments", APPOINTMENT_QUEUE),
                // Cancelling and moving appointments is the clinic's, not the booking site's that requests them.
                IngestRoute.forOperations("appointment-changes", CHANGE_QUEUE));
    }

    @Override
    public List<View<?>> views() {
        return List.of(
                View.of("appointments", "appointmentId", AppointmentView.class, AppointmentView::find),
                View.of("requests", "requestId", RequestView.class, RequestView::find));
    }
}
