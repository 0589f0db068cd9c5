package dev.conveyor.engine.apikey;

import java.time.Instant;

/**
 * An API key as listed: never its secret. {@code tenantId} is null for platform keys; {@code expiresAt} is null for a
 * key that does not expire.
 */
public record ApiKey(String id, String tenantId, String name, Scope scope, Instant createdAt, String createdBy,
        Instant revokedAt, Instant expiresAt) {

    public boolean revoked() {
        return revokedAt != null;
    }

    /** Whether the key may be used at {@code now}: not revoked and not expired. */
    public boolean liveAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
