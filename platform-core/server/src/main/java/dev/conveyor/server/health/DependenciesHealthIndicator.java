package dev.conveyor.server.health;

import dev.conveyor.engine.ConveyorEngine;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * UP when Postgres and the platform's queue service both answer; {@value #DEGRADED} while one of them does not
 * (consumers keep retrying with back-off and the outbox sweeper resends what could not be sent, so they catch up
 * when it returns); DOWN when neither does.
 */
@Component("dependencies")
class DependenciesHealthIndicator implements HealthIndicator {

    static final String DEGRADED = "DEGRADED";

    private final ConveyorEngine engine;

    DependenciesHealthIndicator(ConveyorEngine engine) {
        this.engine = engine;
    }

    @Override
    public Health health() {
        String database = check(() -> {
            try (Connection connection = engine.database().dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(3);
                statement.execute("select 1");
                connection.rollback();
            }
        });
        String queues = check(() -> engine.platformTransport().ping());
        boolean databaseUp = database.equals("UP");
        boolean queuesUp = queues.equals("UP");
        Status status = databaseUp && queuesUp ? Status.UP : databaseUp || queuesUp ? new Status(DEGRADED) : Status.DOWN;
        return Health.status(status).withDetails(Map.of("database", database, "queues", queues)).build();
    }

    private static String check(Probe probe) {
        try {
            probe.run();
            return "UP";
        } catch (Exception e) {
            return "DOWN: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    @FunctionalInterface
    private interface Probe {
        void run() throws Exception;
    }
}
