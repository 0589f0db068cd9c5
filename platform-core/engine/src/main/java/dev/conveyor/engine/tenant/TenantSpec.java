package dev.conveyor.engine.tenant;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.StageSettings;
import java.util.Map;

/** A tenant to run: its id (a slug), display name, industry plugin and per-stage setting overrides. */
public record TenantSpec(String id, String displayName, String pluginId, Map<String, StageSettings> stageOverrides) {

    public TenantSpec {
        requireNonNull(id, "id is null");
        requireNonNull(displayName, "displayName is null");
        requireNonNull(pluginId, "pluginId is null");
        stageOverrides = Map.copyOf(requireNonNull(stageOverrides, "stageOverrides is null"));
        if (!id.matches("[a-z0-9][a-z0-9-]{1,30}[a-z0-9]") || id.contains("--")) {
            throw new IllegalArgumentException("tenant id '" + id + "' must be 3-32 characters of a-z, 0-9 and single"
                    + " hyphens, starting and ending with a letter or digit");
        }
    }

    public static TenantSpec of(String id, String pluginId) {
        return new TenantSpec(id, id, pluginId, Map.of());
    }
}
