package dev.conveyor.server.health;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.housekeeping.Housekeeping.LoopStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The engine's periodic work: {@value DependenciesHealthIndicator#DEGRADED} while a loop (outbox sweep, tenant
 * reconciliation, retention purge, teardowns) has not completed for three of its intervals; details (platform
 * admins only) give each loop's last completion and failures, and how many outbox rows the sweeper parked.
 */
@Component("housekeeping")
class HousekeepingHealthIndicator implements HealthIndicator {

    /** The parked-row count costs a query: probes within this long of the last one reuse it. */
    private static final Duration PARKED_COUNT_AGE = Duration.ofSeconds(5);

    private final ConveyorEngine engine;
    private volatile Instant parkedCountedAt = Instant.EPOCH;
    private volatile String parked = "unknown";

    HousekeepingHealthIndicator(ConveyorEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        Map<String, Object> loops = new LinkedHashMap<>();
        boolean stalled = false;
        for (LoopStatus loop : engine.health().housekeeping()) {
            stalled |= loop.stalled();
            loops.put(loop.name(), Map.of("lastCompleted", loop.lastCompleted().toString(), "failures", loop.failures(),
                    "stalled", loop.stalled()));
        }
        return Health.status(stalled ? new Status(DependenciesHealthIndicator.DEGRADED) : Status.UP)
                .withDetail("loops", loops)
                .withDetail("parkedOutboxMessages", parkedCount())
                .build();
    }

    private String parkedCount() {
        Instant now = Instant.now();
        if (parkedCountedAt.plus(PARKED_COUNT_AGE).isBefore(now)) {
            parkedCountedAt = now;
            try {
                parked = Long.toString(engine.health().parkedMessages());
            } catch (RuntimeException e) {
                parked = "unknown (the database did not answer)";
            }
        }
        return parked;
    }
}
