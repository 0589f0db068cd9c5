package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import dev.conveyor.sdk.HandlerContext;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts one appointment version to some systems and records each outcome on its status: synced; or failed, with
 * its retry scheduled to the sync retry queue per {@link SyncRetryPolicy}, or given up once attempts run out.
 * Never throws for a failed post, so the handler's transaction commits the successes with the failures.
 */
final class SyncDelivery {

    private static final System.Logger log = System.getLogger(SyncDelivery.class.getName());

    private final SystemOfRecordClient client;
    private final String retryQueue;

    SyncDelivery(SystemOfRecordClient client, String retryQueue) {
        this.client = requireNonNull(client, "client is null");
        this.retryQueue = requireNonNull(retryQueue, "retryQueue is null");
    }

    /**
     * @param statuses the status of the systems posted to before, by name; a system without one gets its status
     *                 created with the outcome of this first attempt
     */
    void deliver(HandlerContext context, List<SystemOfRecord> systems, SyncPayload payload, Map<String, SyncStatus> statuses) {
        Instant now = context.clock().instant();
        Map<String, SyncOutcome> outcomes = client.post(systems, payload, now);
        for (SystemOfRecord system : systems) {
            SyncStatus status = statuses.get(system.name());
            int attempts = (status == null ? 0 : status.attempts()) + 1;
            SyncOutcome outcome = outcomes.get(system.name());
            Optional<Instant> retryAt = outcome.synced() ? Optional.empty() : SyncRetryPolicy.nextAttempt(attempts, now);
            if (status == null) {
                status = SyncStatus.firstAttempt(new SyncStatusId(context.tenantId(), payload.appointmentId(), payload.version(),
                        system.name()), outcome, retryAt.orElse(null), now);
                context.entityManager().persist(status);
            } else {
                status.recordAttempt(outcome, retryAt.orElse(null), now);
            }
            if (outcome.synced()) {
                log.log(Level.INFO, "appointment {0} version {1} (tenant {2}) synced to {3} on attempt {4}", payload.appointmentId(),
                        payload.version(), context.tenantId(), system.name(), status.attempts());
            } else if (retryAt.isPresent()) {
                context.schedule(retryQueue, new SyncRetryDue(payload.appointmentId(), payload.version(), system.name(),
                        status.attempts() + 1), retryAt.get());
                log.log(Level.WARNING, "appointment {0} version {1} (tenant {2}) failed to sync to {3} on attempt {4} ({5}); "
                        + "retrying at {6}", payload.appointmentId(), payload.version(), context.tenantId(), system.name(),
                        status.attempts(), outcome.error(), retryAt.get());
            } else {
                log.log(Level.ERROR, "appointment {0} version {1} (tenant {2}) failed to sync to {3} on its last attempt {4} "
                        + "({5}); giving up", payload.appointmentId(), payload.version(), context.tenantId(), system.name(),
                        status.attempts(), outcome.error());
            }
        }
    }
}
