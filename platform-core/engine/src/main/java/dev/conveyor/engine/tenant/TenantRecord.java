package dev.conveyor.engine.tenant;

import java.time.Instant;
import java.util.Map;

/** A tenant as stored. {@code storageConnectionString} is a secret: the API never returns it. */
public record TenantRecord(
        String id,
        String displayName,
        String pluginId,
        Map<String, String> config,
        String storageConnectionString,
        TenantStatus status,
        long version,
        Map<String, StageOverride> stageOverrides,
        long topologyVersion,
        Instant createdAt,
        Instant updatedAt) {

    public TenantSpec spec() {
        return new TenantSpec(id, displayName, pluginId, config, stageOverrides, storageConnectionString);
    }
}
