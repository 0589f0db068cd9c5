package dev.conveyor.engine.claim;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes claim blobs nothing will read any more: written longer ago than the retention and not referred to by
 * an unsent outbox row (a delayed message waits there) or a dead letter not yet purged (a replay needs its payload,
 * and a replayed one may still be on its way).
 * They are left behind by a crash between an upload and its commit, or a delete that failed after processing.
 * A message that waits on its queue longer than the retention loses its payload with them (it is then
 * dead-lettered as gone), as it loses its inbox row: the retention is the platform's bound on both.
 */
public final class ClaimSweeper {

    private static final Logger log = LoggerFactory.getLogger(ClaimSweeper.class);
    /** Bounds one sweep's memory; what is left waits for the next sweep. */
    private static final int MAX_PER_SWEEP = 100_000;

    private final Database database;
    private final ClaimStore store;
    private final Clock clock;

    public ClaimSweeper(Database database, ClaimStore store, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Deletes the orphans among blobs older than {@code retention}; returns how many it deleted. */
    public int sweep(Duration retention) {
        Instant cutoff = clock.instant().minus(retention);
        List<String> candidates = store.storedBefore(cutoff, MAX_PER_SWEEP);
        int deleted = 0;
        for (String blobName : candidates) {
            Optional<ClaimReference> reference = ClaimReference.fromBlobName(blobName);
            if (reference.isPresent() && stillNeeded(reference.get())) {
                continue;
            }
            store.deleteStored(blobName);
            deleted++;
        }
        if (deleted > 0) {
            log.info("deleted {} claim blobs older than {} that no message refers to", deleted, retention);
        }
        return deleted;
    }

    private boolean stillNeeded(ClaimReference reference) {
        return database.inTenantTransaction(reference.tenantId(), entityManager -> (Boolean) entityManager
                .createNativeQuery("""
                        select exists (select 1 from outbox where tenant_id = ?1 and message_id = ?2 and queue_name = ?3)
                            or exists (select 1 from dead_letter where tenant_id = ?1 and message_id = ?2
                                       and queue_name = ?3)""")
                .setParameter(1, reference.tenantId())
                .setParameter(2, reference.messageId())
                .setParameter(3, reference.queueName())
                .getSingleResult());
    }
}
