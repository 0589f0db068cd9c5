package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import dev.conveyor.sdk.HandlerContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Posts one appointment version to some systems, in two steps around the post so that no database transaction
 * waits for a system of record. In the handler's transaction: each system's attempt is recorded as under way and
 * its recovery scheduled (a {@link SyncRetryDue} for the same attempt, {@link #RECOVERY_DELAY} later). After commit,
 * outside any transaction, the platform posts ({@link SystemOfRecordClient}); then, in a short transaction of its
 * own, the outcome is recorded: synced; or failed, with the next attempt scheduled per {@link SyncRetryPolicy}, or
 * given up once attempts run out. A recorded outcome makes the recovery stale (the attempt numbers no longer
 * match), so it only acts when the process stopped between the post and its record: it repeats the attempt, with
 * the same {@code Idempotency-Key}.
 */
final class SyncDelivery {

    /** Well past the post's deadline ({@link SystemOfRecordClient#TIMEOUT}), so a recovery never races its attempt. */
    static final Duration RECOVERY_DELAY = Duration.ofMinutes(2);

    private static final System.Logger log = System.getLogger(SyncDelivery.class.getName());

    private SyncDelivery() {
    }

    /**
     * @param statuses the status of the systems posted to before, by name; a system without one gets its status
     *                 created as its first attempt
     */
    static void deliver(HandlerContext context, List<SystemOfRecord> systems, SyncPayload payload,
            Map<String, SyncStatus> statuses) {
        requireNonNull(payload, "payload is null");
        Instant now = context.clock().instant();
        Instant recoveryAt = now.plus(RECOVERY_DELAY);
        for (SystemOfRecord system : systems) {
            SyncStatusId id = new SyncStatusId(payload.appointmentId(), payload.version(), system.name());
            SyncStatus status = statuses.get(system.name());
            if (status == null) {
                status = SyncStatus.firstAttemptUnderWay(id, recoveryAt, now);
                context.repository(SyncStatuses.class).save(status);
            } else {
                status.attemptUnderWay(recoveryAt, now);
            }
            int attempt = status.attempts() + 1;
            context.schedule(HealthcarePlugin.SYNC_RETRY_QUEUE,
                    new SyncRetryDue(payload.appointmentId(), payload.version(), system.name(), attempt), recoveryAt);
            context.afterCommit(http -> SystemOfRecordClient.post(http, system, payload, now),
                    (outcome, outcomeContext) -> record(outcomeContext, id, attempt, outcome));
        }
    }

    private static void record(HandlerContext context, SyncStatusId id, int attempt, SyncOutcome outcome) {
        Instant now = context.clock().instant();
        Optional<SyncStatus> found = context.repository(SyncStatuses.class).findById(id);
        if (found.isEmpty() || found.get().status() != SyncState.RETRYING || found.get().attempts() + 1 != attempt) {
            log.log(Level.INFO, "outcome of sync {0} attempt {1} ({2}) of tenant {3} is stale: its recovery or a later "
                    + "version came first; not recorded", id, attempt, outcome.synced() ? "synced" : outcome.error(),
                    context.tenantId());
            return;
        }
        SyncStatus status = found.get();
        Optional<Instant> retryAt = outcome.synced() ? Optional.empty() : SyncRetryPolicy.nextAttempt(attempt, now);
        status.recordAttempt(outcome, retryAt.orElse(null), now);
        if (outcome.synced()) {
            log.log(Level.INFO, "appointment {0} version {1} (tenant {2}) synced to {3} on attempt {4}", id.appointmentId(),
                    id.version(), context.tenantId(), id.systemName(), attempt);
        } else if (retryAt.isPresent()) {
            context.schedule(HealthcarePlugin.SYNC_RETRY_QUEUE,
                    new SyncRetryDue(id.appointmentId(), id.version(), id.systemName(), attempt + 1), retryAt.get());
            log.log(Level.WARNING, "appointment {0} version {1} (tenant {2}) failed to sync to {3} on attempt {4} ({5}); "
                    + "retrying at {6}", id.appointmentId(), id.version(), context.tenantId(), id.systemName(), attempt,
                    outcome.error(), retryAt.get());
        } else {
            log.log(Level.ERROR, "appointment {0} version {1} (tenant {2}) failed to sync to {3} on its last attempt {4} "
                    + "({5}); giving up", id.appointmentId(), id.version(), context.tenantId(), id.systemName(), attempt,
                    outcome.error());
        }
    }
}
