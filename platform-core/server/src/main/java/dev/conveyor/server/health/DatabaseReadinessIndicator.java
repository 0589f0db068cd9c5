package dev.conveyor.server.health;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness ({@code /actuator/health/readiness}): DOWN while Postgres does not answer, so a load balancer
 * sends requests to another instance; nothing can be accepted without it. The queue service is not part of it: a
 * message accepted while the queue service is away waits in the outbox. Liveness never depends on either
 * (restarting the process would not bring them back).
 */
@Component("database")
class DatabaseReadinessIndicator implements HealthIndicator {

    private final DependencyChecks checks;

    DatabaseReadinessIndicator(DependencyChecks checks) {
        this.checks = checks;
    }

    @Override
    public Health health() {
        DependencyChecks.Check database = checks.database();
        return (database.up() ? Health.up() : Health.down()).withDetail("database", database.outcome()).build();
    }
}
