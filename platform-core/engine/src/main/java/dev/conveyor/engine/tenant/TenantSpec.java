package dev.conveyor.engine.tenant;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A tenant to run: id (a slug), display name, industry plugin, its settings, per-stage overrides, and optionally the
 * connection string of a storage account of its own ({@code null}: the platform's).
 *
 * @param config the tenant's settings as a JSON object: names of the plugin's settings record mapped to JSON values
 *               (text, numbers, booleans, lists as {@link java.util.List}, objects as {@link Map}); a setting left out
 *               takes its default
 */
public record TenantSpec(
        String id,
        String displayName,
        String pluginId,
        Map<String, Object> config,
        Map<String, StageOverride> stageOverrides,
        String storageConnectionString) {

    public static final String ID_RULE = "3-32 characters of a-z, 0-9 and single hyphens, starting and ending with a letter or digit";

    public TenantSpec {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(pluginId, "pluginId is null");
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(requireNonNull(config, "config is null")));
        stageOverrides = Map.copyOf(requireNonNull(stageOverrides, "stageOverrides is null"));
        if (!isValidId(id)) {
            throw new IllegalArgumentException("tenant id '" + id + "' must be " + ID_RULE);
        }
    }

    /** Names the settings, never their values (some are secrets), nor the connection string. */
    @Override
    public String toString() {
        return "TenantSpec[id=" + id + ", plugin=" + pluginId + ", settings=" + config.keySet()
                + ", ownStorageAccount=" + (storageConnectionString != null) + "]";
    }

    public static boolean isValidId(String id) {
        return id != null && id.matches("[a-z0-9][a-z0-9-]{1,30}[a-z0-9]") && !id.contains("--");
    }

    public static TenantSpec of(String id, String pluginId) {
        return new TenantSpec(id, id, pluginId, Map.of(), Map.of(), null);
    }
}
