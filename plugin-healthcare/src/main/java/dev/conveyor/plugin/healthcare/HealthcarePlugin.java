package dev.conveyor.plugin.healthcare;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentRequest;
import dev.conveyor.plugin.healthcare.appointment.AppointmentRequestValidator;
import dev.conveyor.plugin.healthcare.appointment.ManagementHandler;
import dev.conveyor.plugin.healthcare.appointment.ReminderDue;
import dev.conveyor.plugin.healthcare.change.AppointmentChange;
import dev.conveyor.plugin.healthcare.change.AppointmentChangeValidator;
import dev.conveyor.plugin.healthcare.change.ChangeHandler;
import dev.conveyor.plugin.healthcare.notification.NotifyHandler;
import dev.conveyor.plugin.healthcare.notification.PatientNotification;
import dev.conveyor.plugin.healthcare.reminder.ReminderHandler;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.plugin.healthcare.sync.DataSyncHandler;
import dev.conveyor.plugin.healthcare.sync.SyncRetryDue;
import dev.conveyor.plugin.healthcare.sync.SyncRetryHandler;
import dev.conveyor.plugin.healthcare.sync.SyncStatus;
import dev.conveyor.plugin.healthcare.view.AppointmentView;
import dev.conveyor.plugin.healthcare.view.RequestView;
import dev.conveyor.sdk.ConfigProperty;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.StageSettings;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HealthCare Solutions: {@code AppointmentQueue → management → AssignmentQueue}, which fans out to both
 * {@code data-sync} and {@code notify}; {@code ChangeQueue → changes → AssignmentQueue}; booking and rescheduling
 * schedule to {@code ReminderQueue → reminders}; failed syncs retry through {@code SyncRetryQueue → sync-retry}.
 * The one place that names the queues and stages; each handler is told the queues it emits to.
 */
public final class HealthcarePlugin implements DomainPlugin {

    public static final String ID = "healthcare";

    public static final String APPOINTMENT_QUEUE = "AppointmentQueue";
    public static final String ASSIGNMENT_QUEUE = "AssignmentQueue";
    public static final String CHANGE_QUEUE = "ChangeQueue";
    public static final String REMINDER_QUEUE = "ReminderQueue";
    public static final String SYNC_RETRY_QUEUE = "SyncRetryQueue";

    public static final String MANAGEMENT_STAGE = "management";
    public static final String CHANGES_STAGE = "changes";
    public static final String DATA_SYNC_STAGE = "data-sync";
    public static final String NOTIFY_STAGE = "notify";
    public static final String REMINDERS_STAGE = "reminders";
    public static final String SYNC_RETRY_STAGE = "sync-retry";

    // The HTTP API checks requests with the system clock; the management stage checks again with the engine's.
    public static final MessageType<AppointmentRequest> APPOINTMENT_REQUEST = MessageType.of(
            "healthcare.appointment-request.v1", AppointmentRequest.class, new AppointmentRequestValidator(Clock.systemUTC()));
    public static final MessageType<AppointmentAssigned> APPOINTMENT_ASSIGNED =
            MessageType.of("healthcare.appointment-assigned.v1", AppointmentAssigned.class);
    public static final MessageType<AppointmentChange> APPOINTMENT_CHANGE =
            MessageType.of("healthcare.appointment-change.v1", AppointmentChange.class, new AppointmentChangeValidator());
    public static final MessageType<ReminderDue> REMINDER_DUE = MessageType.of("healthcare.reminder-due.v1", ReminderDue.class);
    public static final MessageType<SyncRetryDue> SYNC_RETRY_DUE =
            MessageType.of("healthcare.sync-retry-due.v1", SyncRetryDue.class);

    /**
     * For the stages that post to systems of record: a message's post (after its transaction, holding no database
     * connection) may take up to 10 s, so fewer run at once than the default, bounding what one tenant's slow systems
     * keep waiting.
     */
    static final StageSettings HTTP_STAGE = StageSettings.defaults().withConcurrency(4).withBatchSize(4);

    private final Topology topology = Topology.builder()
            .queue(APPOINTMENT_QUEUE, APPOINTMENT_REQUEST)
            .queue(ASSIGNMENT_QUEUE, APPOINTMENT_ASSIGNED)
            .queue(CHANGE_QUEUE, APPOINTMENT_CHANGE)
            .queue(REMINDER_QUEUE, REMINDER_DUE)
            .queue(SYNC_RETRY_QUEUE, SYNC_RETRY_DUE)
            .stage(StageDefinition.of(MANAGEMENT_STAGE, APPOINTMENT_QUEUE, ASSIGNMENT_QUEUE, REMINDER_QUEUE))
            .stage(StageDefinition.of(CHANGES_STAGE, CHANGE_QUEUE, ASSIGNMENT_QUEUE, REMINDER_QUEUE))
            .stage(StageDefinition.of(DATA_SYNC_STAGE, ASSIGNMENT_QUEUE, SYNC_RETRY_QUEUE).withSettings(HTTP_STAGE))
            .stage(StageDefinition.of(NOTIFY_STAGE, ASSIGNMENT_QUEUE))
            .stage(StageDefinition.of(REMINDERS_STAGE, REMINDER_QUEUE))
            .stage(StageDefinition.of(SYNC_RETRY_STAGE, SYNC_RETRY_QUEUE, SYNC_RETRY_QUEUE).withSettings(HTTP_STAGE))
            .build();

    private final Map<String, Handler<?>> handlers;

    public HealthcarePlugin() {
        this.handlers = Map.of(
                MANAGEMENT_STAGE, new ManagementHandler(ASSIGNMENT_QUEUE, REMINDER_QUEUE),
                CHANGES_STAGE, new ChangeHandler(ASSIGNMENT_QUEUE, REMINDER_QUEUE),
                DATA_SYNC_STAGE, new DataSyncHandler(SYNC_RETRY_QUEUE),
                NOTIFY_STAGE, new NotifyHandler(),
                REMINDERS_STAGE, new ReminderHandler(),
                SYNC_RETRY_STAGE, new SyncRetryHandler(SYNC_RETRY_QUEUE));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Healthcare (HealthCare Solutions)";
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public Map<String, Handler<?>> handlers() {
        return handlers;
    }

    @Override
    public List<Class<?>> entityClasses() {
        return List.of(Appointment.class, SyncStatus.class, PatientNotification.class);
    }

    @Override
    public Optional<String> migrationsLocation() {
        return Optional.of("classpath:db/healthcare");
    }

    @Override
    public List<IngestRoute> ingestRoutes() {
        return List.of(
                new IngestRoute("appointments", APPOINTMENT_QUEUE),
                // Cancelling and moving appointments is the clinic's, not the booking site's that requests them.
                new IngestRoute("appointment-changes", CHANGE_QUEUE, RouteAccess.OPERATIONS));
    }

    @Override
    public List<View> views() {
        return List.of(
                new View("appointments", "appointmentId", AppointmentView::find),
                new View("requests", "requestId", RequestView::find));
    }

    @Override
    public List<ConfigProperty> configProperties() {
        return HealthcareSettings.PROPERTIES;
    }

    @Override
    public List<Violation> validateConfiguration(TenantConfig config) {
        return HealthcareSettings.validate(config);
    }
}
