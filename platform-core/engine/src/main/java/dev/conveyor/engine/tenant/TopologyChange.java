package dev.conveyor.engine.tenant;

import java.time.Instant;
import java.util.Map;

/** One audited change of a tenant's stage overrides: who, when, and the overrides before and after. */
public record TopologyChange(
        long version, String actor, Instant changedAt, Map<String, StageOverride> before, Map<String, StageOverride> after) {
}
