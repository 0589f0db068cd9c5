package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code sync-retry} stage: posts one appointment version to one system of record again, after a failure
 * (see {@link DataSyncHandler} for the design). It posts the appointment as it stands, which is that version's
 * state as long as no later version exists; once one does, the retry stops as SUPERSEDED. A system removed from
 * the settings meanwhile ends FAILED. It also runs the recovery of an attempt whose outcome was never recorded.
 */
public final class SyncRetryHandler implements Handler<SyncRetryDue> {

    private static final System.Logger log = System.getLogger(SyncRetryHandler.class.getName());

    private final Map<String, SystemOfRecord> systemsByName;

    public SyncRetryHandler(List<SystemOfRecord> systemsOfRecord) {
        this.systemsByName = requireNonNull(systemsOfRecord, "systemsOfRecord is null").stream()
                .collect(Collectors.toUnmodifiableMap(SystemOfRecord::name, system -> system));
    }

    @Override
    public void handle(SyncRetryDue due, HandlerContext context) {
        String tenantId = context.tenantId();
        SyncStatusId id = new SyncStatusId(due.appointmentId(), due.version(), due.systemName());
        SyncStatus status = context.repository(SyncStatuses.class).findById(id)
                .orElseThrow(() -> new PermanentFailure("sync status " + id + " of tenant '" + tenantId + "' does not exist, "
                        + "so retry message '" + context.messageId() + "' has nothing to retry; the data-sync stage records "
                        + "it with the retry"));
        if (status.status() != SyncState.RETRYING || status.attempts() + 1 != due.attempt()) {
            log.log(Level.INFO, "sync retry {0} of tenant {1} (attempt {2}) is stale: the status is {3} after {4} attempts; "
                    + "ignored", id, tenantId, due.attempt(), status.status(), status.attempts());
            return;
        }
        Appointment appointment = context.repository(Appointments.class).findByAppointmentId(due.appointmentId())
                .orElseThrow(() -> new PermanentFailure("appointment '" + due.appointmentId() + "' of tenant '" + tenantId
                        + "' does not exist, so retry message '" + context.messageId() + "' has nothing to sync"));
        Instant now = context.clock().instant();
        if (appointment.version() > due.version()) {
            status.supersede(appointment.version(), now);
            return;
        }
        SystemOfRecord system = systemsByName.get(due.systemName());
        if (system == null) {
            status.giveUp("not sent: system '" + due.systemName() + "' is no longer among the systems of record", now);
            return;
        }
        SyncDelivery.deliver(context, List.of(system), SyncPayload.of(appointment), Map.of(due.systemName(), status));
    }
}
