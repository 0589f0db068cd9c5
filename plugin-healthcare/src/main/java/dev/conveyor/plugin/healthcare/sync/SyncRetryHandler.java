package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.settings.HealthcareSettings;
import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import jakarta.persistence.EntityManager;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code sync-retry} stage: posts one appointment version to one system of record again, after a failure
 * (see {@link DataSyncHandler} for the design). It posts the appointment as it stands, which is that version's
 * state as long as no later version exists; once one does, the retry stops as SUPERSEDED. A system removed from
 * the settings meanwhile ends FAILED. It also runs the recovery of an attempt whose outcome was never recorded.
 */
public final class SyncRetryHandler implements Handler<SyncRetryDue> {

    private static final System.Logger log = System.getLogger(SyncRetryHandler.class.getName());

    private final SyncDelivery delivery;

    public SyncRetryHandler(String retryQueue) {
        this.delivery = new SyncDelivery(requireNonNull(retryQueue, "retryQueue is null"));
    }

    @Override
    public void handle(SyncRetryDue due, HandlerContext context) {
        if (due.appointmentId() == null || due.systemName() == null) {
            throw new PermanentFailure("sync retry message '" + context.messageId() + "' lacks its appointmentId or systemName");
        }
        EntityManager entityManager = context.entityManager();
        String tenantId = context.tenantId();
        SyncStatusId id = new SyncStatusId(tenantId, due.appointmentId(), due.version(), due.systemName());
        SyncStatus status = SyncStatuses.find(entityManager, id)
                .orElseThrow(() -> new PermanentFailure("sync status " + id + " does not exist, so retry message '"
                        + context.messageId() + "' has nothing to retry; the data-sync stage records it with the retry"));
        if (status.status() != SyncState.RETRYING || status.attempts() + 1 != due.attempt()) {
            log.log(Level.INFO, "sync retry {0} (attempt {1}) is stale: the status is {2} after {3} attempts; ignored", id,
                    due.attempt(), status.status(), status.attempts());
            return;
        }
        Appointment appointment = Appointments.find(entityManager, tenantId, due.appointmentId())
                .orElseThrow(() -> new PermanentFailure("appointment '" + due.appointmentId() + "' of tenant '" + tenantId
                        + "' does not exist, so retry message '" + context.messageId() + "' has nothing to sync"));
        Instant now = context.clock().instant();
        if (appointment.version() > due.version()) {
            status.supersede(appointment.version(), now);
            return;
        }
        Optional<SystemOfRecord> system = HealthcareSettings.of(context.config()).systemOfRecord(due.systemName());
        if (system.isEmpty()) {
            status.giveUp("not sent: system '" + due.systemName() + "' is no longer among the systems of record", now);
            return;
        }
        delivery.deliver(context, List.of(system.get()), SyncPayload.of(appointment), Map.of(due.systemName(), status));
    }
}
