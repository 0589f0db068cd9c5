package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.Column;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;

/** How the sync of one appointment version to one system of record went: state, attempts, last error, next attempt. */
@Entity
@Table(name = "healthcare_sync_status")
public class SyncStatus extends TenantScoped {

    @EmbeddedId
    private SyncStatusId id;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private SyncState status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected SyncStatus() {
        // for JPA
    }

    private SyncStatus(SyncStatusId id, SyncState status, Instant now) {
        this.id = requireNonNull(id, "id is null");
        this.status = requireNonNull(status, "status is null");
        this.updatedAt = requireNonNull(now, "now is null");
    }

    /**
     * A version whose first post is under way: RETRYING with no attempt made yet, {@code recoveryAt} being when the
     * attempt is repeated should its outcome never be recorded.
     */
    public static SyncStatus firstAttemptUnderWay(SyncStatusId id, Instant recoveryAt, Instant now) {
        SyncStatus status = new SyncStatus(id, SyncState.RETRYING, now);
        status.nextAttemptAt = requireNonNull(recoveryAt, "recoveryAt is null");
        return status;
    }

    /** A version that is not posted because a later one came first. */
    public static SyncStatus superseded(SyncStatusId id, int laterVersion, Instant now) {
        SyncStatus status = new SyncStatus(id, SyncState.SUPERSEDED, now);
        status.lastError = supersededBy(laterVersion);
        return status;
    }

    /** Records an attempt's outcome: synced; or failed, with the next attempt at {@code retryAt}, or none when null. */
    public void recordAttempt(SyncOutcome outcome, Instant retryAt, Instant now) {
        requireNonNull(outcome, "outcome is null");
        attempts++;
        if (outcome.synced()) {
            status = SyncState.SYNCED;
            lastError = null;
            nextAttemptAt = null;
        } else {
            status = retryAt == null ? SyncState.FAILED : SyncState.RETRYING;
            lastError = outcome.error();
            nextAttemptAt = retryAt;
        }
        updatedAt = requireNonNull(now, "now is null");
    }

    /** The next attempt is under way; it is repeated at {@code recoveryAt} should its outcome never be recorded. */
    public void attemptUnderWay(Instant recoveryAt, Instant now) {
        if (status != SyncState.RETRYING) {
            throw new IllegalStateException("sync " + id + " is " + status + "; only a RETRYING one is attempted");
        }
        nextAttemptAt = requireNonNull(recoveryAt, "recoveryAt is null");
        updatedAt = requireNonNull(now, "now is null");
    }

    /** No more attempts: a later version came first. */
    public void supersede(int laterVersion, Instant now) {
        status = SyncState.SUPERSEDED;
        lastError = supersededBy(laterVersion);
        nextAttemptAt = null;
        updatedAt = requireNonNull(now, "now is null");
    }

    /** No more attempts, for {@code reason}. */
    public void giveUp(String reason, Instant now) {
        status = SyncState.FAILED;
        lastError = requireNonNull(reason, "reason is null");
        nextAttemptAt = null;
        updatedAt = requireNonNull(now, "now is null");
    }

    private static String supersededBy(int laterVersion) {
        return "not sent: version " + laterVersion + " of the appointment came first";
    }

    public SyncStatusId id() {
        return id;
    }

    public SyncState status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
