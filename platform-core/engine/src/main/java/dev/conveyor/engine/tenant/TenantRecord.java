package dev.conveyor.engine.tenant;

import java.time.Instant;
import java.util.Map;

/**
 * A tenant as stored, its secrets decrypted. {@code storageConnectionString} and the settings the plugin declares
 * secret are never returned by the API, and {@link #toString()} shows no configuration value at all.
 */
public record TenantRecord(
        String id,
        String displayName,
        String pluginId,
        Map<String, Object> config,
        String storageConnectionString,
        TenantStatus status,
        long version,
        Map<String, StageOverride> stageOverrides,
        long topologyVersion,
        Instant createdAt,
        Instant updatedAt) {

    @Override
    public String toString() {
        return "TenantRecord[id=" + id + ", plugin=" + pluginId + ", status=" + status + ", version=" + version
                + ", settings=" + config.keySet() + ", ownStorageAccount=" + (storageConnectionString != null) + "]";
    }

    public TenantSpec spec() {
        return new TenantSpec(id, displayName, pluginId, config, stageOverrides, storageConnectionString);
    }
}
