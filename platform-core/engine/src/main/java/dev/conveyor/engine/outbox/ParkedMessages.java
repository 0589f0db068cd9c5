package dev.conveyor.engine.outbox;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.outbox.Outbox.ParkedMessage;
import dev.conveyor.engine.tenant.TenantStore;
import java.util.List;

/** The outbox rows the sweeper gave up on (repeated failures that were not outages), as the API shows them. */
public final class ParkedMessages {

    private final Outbox outbox;
    private final TenantStore tenants;

    public ParkedMessages(Outbox outbox, TenantStore tenants) {
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
    }

    /**
     * The tenant's parked rows, oldest first.
     *
     * @throws NotFoundException when the tenant does not exist
     */
    public List<ParkedMessage> list(String tenantId, int limit) {
        tenants.existing(tenantId);
        return outbox.parked(tenantId, limit);
    }

    /** Hands the tenant's parked rows back to the sweeper at once; returns how many. */
    public int retry(String tenantId) {
        tenants.existing(tenantId);
        return outbox.retryParked(tenantId);
    }

    /** Parked rows of every tenant (for health). */
    public long count() {
        return outbox.parkedCount();
    }
}
