package dev.conveyor.server.health;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.conveyor.engine.ConveyorEngine;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether Postgres and the platform's queue service answer, each checked at most once per
 * {@code conveyor.health.cache} (default 1 s) however many probes ask (concurrent askers share one check), so a
 * flood of health calls costs no database work. Each check is bounded: Postgres through the API requests' pool
 * (short deadlines, circuit breaker), the queue service by {@link #QUEUE_DEADLINE}; the two never wait on each
 * other, so readiness (Postgres) still answers while the queue service hangs.
 */
@Component
class DependencyChecks {

    static final Duration QUEUE_DEADLINE = Duration.ofSeconds(2);

    /** A check's outcome: "UP", or "DOWN: " and why; and when it was made. */
    record Check(String outcome, Instant checkedAt) {
        boolean up() {
            return outcome.equals("UP");
        }
    }

    private enum Dependency { DATABASE, QUEUES }

    private final ConveyorEngine engine;
    private final LoadingCache<Dependency, Check> checks;

    DependencyChecks(ConveyorEngine engine, @Value("${conveyor.health.cache:1s}") Duration cache) {
        this.engine = engine;
        this.checks = Caffeine.newBuilder().expireAfterWrite(cache).build(dependency -> switch (dependency) {
            case DATABASE -> check(this::pingDatabase);
            case QUEUES -> check(this::pingQueues);
        });
    }

    Check database() {
        return checks.get(Dependency.DATABASE);
    }

    Check queues() {
        return checks.get(Dependency.QUEUES);
    }

    private void pingDatabase() {
        engine.health().pingDatabase();
    }

    private void pingQueues() throws Exception {
        engine.health().pingQueues(QUEUE_DEADLINE);
    }

    private static Check check(Probe probe) {
        try {
            probe.run();
            return new Check("UP", Instant.now());
        } catch (Exception e) {
            return new Check("DOWN: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                    + firstLine(e.getMessage())), Instant.now());
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
