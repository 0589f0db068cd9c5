package dev.conveyor.server.health;

import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * UP when Postgres and the platform's queue service both answer; {@value #DEGRADED} while one of them does not
 * (consumers keep retrying with back-off and the outbox sweeper resends what could not be sent, so they catch up
 * when it returns); DOWN when neither does. Details (shown to platform admins only) say what each answered.
 */
@Component("dependencies")
class DependenciesHealthIndicator implements HealthIndicator {

    static final String DEGRADED = "DEGRADED";

    private final DependencyChecks checks;

    DependenciesHealthIndicator(DependencyChecks checks) {
        this.checks = checks;
    }

    @Override
    public Health health() {
        DependencyChecks.Check database = checks.database();
        DependencyChecks.Check queues = checks.queues();
        Status status = database.up() && queues.up() ? Status.UP
                : database.up() || queues.up() ? new Status(DEGRADED) : Status.DOWN;
        return Health.status(status).withDetails(Map.of("database", database.outcome(), "queues", queues.outcome(),
                "checkedAt", database.checkedAt().toString())).build();
    }
}
