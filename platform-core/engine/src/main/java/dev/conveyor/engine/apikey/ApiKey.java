package dev.conveyor.engine.apikey;

import java.time.Instant;

/** An API key as listed: never its secret. {@code tenantId} is null for platform keys. */
public record ApiKey(String id, String tenantId, String name, Scope scope, Instant createdAt, String createdBy, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
