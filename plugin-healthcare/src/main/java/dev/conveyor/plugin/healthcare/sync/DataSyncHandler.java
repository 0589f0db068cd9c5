package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.appointment.Appointment;
import dev.conveyor.plugin.healthcare.appointment.AppointmentAssigned;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.appointment.Appointments;
import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code data-sync} stage: posts each appointment version to every system of record of the tenant and
 * records a status per (version, system) in {@code healthcare_sync_status}.
 *
 * <p>Retry design. The handler runs in one transaction with the message's inbox row, so throwing on a failed
 * system would roll back the statuses of the systems that did succeed, and the engine's retry would post to all
 * of them again. Instead the handler never throws for a failed post: it commits SYNCED for the systems that
 * answered 2xx and RETRYING for the others, and for each failed system schedules a {@link SyncRetryDue} to the
 * sync retry queue (in the same transaction, through the outbox) with exponential backoff. The {@code sync-retry}
 * stage retries that one system alone, until it is synced or {@link SyncRetryPolicy#MAX_ATTEMPTS} attempts
 * have failed (FAILED, with the last error). A version overtaken by a later one before it got through is not
 * sent any more (SUPERSEDED), so a receiver is not handed an older state after a newer one.
 *
 * <p>No transaction waits for a system of record: the handler's transaction records each attempt as under way, and
 * the post runs after commit with its outcome recorded in a second, short transaction ({@link SyncDelivery}).
 * Delivery is at least once per system: should the process stop between the post and its record, a recovery
 * message repeats the post with the same {@code Idempotency-Key} ({@code <appointmentId>-v<version>}), by which the
 * receiver recognises it.
 *
 * <p>Declined requests are not synced: nothing was booked, so there is no record to create in a system of record,
 * and not sending them keeps the health information that leaves the platform to a minimum.
 */
public final class DataSyncHandler implements Handler<AppointmentAssigned> {

    private static final System.Logger log = System.getLogger(DataSyncHandler.class.getName());

    private final List<SystemOfRecord> systemsOfRecord;

    public DataSyncHandler(List<SystemOfRecord> systemsOfRecord) {
        this.systemsOfRecord = List.copyOf(requireNonNull(systemsOfRecord, "systemsOfRecord is null"));
    }

    @Override
    public void handle(AppointmentAssigned assigned, HandlerContext context) {
        if (assigned.status() == AppointmentStatus.DECLINED || systemsOfRecord.isEmpty()) {
            return;
        }
        String tenantId = context.tenantId();
        Appointment appointment = context.repository(Appointments.class).findByAppointmentId(assigned.appointmentId())
                .orElseThrow(() -> new PermanentFailure("appointment '" + assigned.appointmentId() + "' of tenant '" + tenantId
                        + "' does not exist, so message '" + context.messageId() + "' has nothing to sync"));
        SyncStatuses statuses = context.repository(SyncStatuses.class);
        Instant now = context.clock().instant();
        List<SystemOfRecord> toPost = new ArrayList<>();
        for (SystemOfRecord system : systemsOfRecord) {
            SyncStatusId id = new SyncStatusId(assigned.appointmentId(), assigned.version(), system.name());
            if (statuses.findById(id).isPresent()) {
                continue; // synced already, or its retries are under way
            }
            if (appointment.version() > assigned.version()) {
                statuses.save(SyncStatus.superseded(id, appointment.version(), now));
                continue;
            }
            toPost.add(system);
        }
        if (toPost.isEmpty()) {
            log.log(Level.DEBUG, "appointment {0} version {1} (tenant {2}): nothing to post", assigned.appointmentId(),
                    assigned.version(), tenantId);
            return;
        }
        SyncDelivery.deliver(context, toPost, SyncPayload.of(assigned), Map.of());
    }
}
