package dev.conveyor.engine.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A tenant whose handlers are slow (they hold their transaction open) takes no more than its budget of this
 * process, on real Postgres and Azurite, while another tenant's messages still complete promptly; one row per
 * budget (the README's reliability table lists the same). The pool has 10 connections: without the budgets the slow
 * tenant's 16 worker handlers would take all 10 and starve the other tenant.
 */
final class TenantBudgetIT {

    private static final Sql sql = Sql.asOwner();

    /** case, budget, held jobs, most handlers that may hold a connection at once, whether the slow tenant's API request gets in. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("handlers in flight stop at max-concurrency",
                        new TenantBudget(1_000, 1_000, 3, 10, Duration.ofMillis(200)), 12, 3, true),
                Arguments.of("pooled connections stop at max-connections; an API request then fails fast",
                        new TenantBudget(1_000, 1_000, 8, 2, Duration.ofMillis(200)), 12, 2, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aSlowTenantHoldsAtMostItsBudgetWhileAnotherTenantsMessagesComplete(String name, TenantBudget budget,
            int heldJobs, int mostHolding, boolean apiRequestGetsIn) {
        JobsPlugin.holdGate = new CountDownLatch(1);
        JobsPlugin.holding.set(0);
        JobsPlugin.mostHolding.set(0);
        try (ConveyorEngine engine = TestEngines.jobs().tenantBudget(budget).start()) {
            String slow = newTenant(engine, false);
            String other = newTenant(engine, true);
            // submitted while the slow tenant's worker is off: once its handlers hold its connections, its own API
            // requests may be refused (the second row's point)
            for (int i = 0; i < heldJobs; i++) {
                submit(engine, slow, "held-" + i, "hold");
            }
            engine.topologies().overrideStage(slow, "worker", new StageOverride(true, null, null, null, null, null, null, null),
                    engine.topologies().of(slow).version(), "test");
            await().atMost(Duration.ofSeconds(20)).until(() -> JobsPlugin.holding.get() > 0);

            for (int i = 0; i < 10; i++) {
                submit(engine, other, "prompt-" + i, "ok");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> effects(other, "recorder") == 10);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() ->
                    JobsPlugin.holding.get() <= mostHolding && connectionsHeldBySlowHandlers() <= mostHolding);
            if (apiRequestGetsIn) {
                submit(engine, slow, "api-request", "ok");
            } else {
                assertThatThrownBy(() -> submit(engine, slow, "api-request", "ok"))
                        .isInstanceOf(TenantBusyException.class)
                        .hasMessageContaining("using all " + budget.maxConnections() + " database connections");
            }
            assertThat(JobsPlugin.mostHolding.get()).isBetween(1, mostHolding);
            JobsPlugin.holdGate.countDown();
            int expected = heldJobs + (apiRequestGetsIn ? 1 : 0);
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(slow, "recorder") == expected);
            assertThat(JobsPlugin.mostHolding.get()).isBetween(1, mostHolding);
            assertThat(sql.count("select count(*) from message_attempt where tenant_id in (?, ?)", slow, other)).isZero();
        } finally {
            JobsPlugin.holdGate.countDown();
        }
    }

    private static long connectionsHeldBySlowHandlers() {
        return sql.count("select count(*) from pg_stat_activity where query = ?", JobsPlugin.HOLD_QUERY);
    }

    private static String newTenant(ConveyorEngine engine, boolean workerEnabled) {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        StageOverride quick = TestEngines.QUICK;
        StageOverride worker = quick.merge(new StageOverride(workerEnabled, null, null, null, null, null, null, null));
        engine.tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of("worker", worker, "recorder", quick), null));
        return tenant;
    }

    private static void submit(ConveyorEngine engine, String tenant, String jobId, String behaviour) {
        engine.routes().ingest(tenant, "jobs", "{\"jobId\": \"" + jobId + "\", \"behaviour\": \"" + behaviour + "\"}",
                Optional.empty());
    }

    private static long effects(String tenant, String stage) {
        return sql.count("select count(*) from engine_test_effect where tenant_id = ? and stage = ?", tenant, stage);
    }
}
