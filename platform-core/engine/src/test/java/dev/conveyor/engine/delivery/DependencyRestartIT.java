package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.LocalAzurite;
import dev.conveyor.services.LocalPostgres;
import dev.conveyor.services.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Azurite and then Postgres restart while jobs flow: consumers, the outbox relay and the connection pool reconnect
 * with back-off, and the run completes with every job's effects exactly once and nothing left behind. Uses an
 * Azurite and a Postgres of its own, so that restarting them disturbs no other test.
 */
final class DependencyRestartIT {

    private static final int JOBS = 40;

    @Test
    void restartsOfTheQueueServiceAndOfTheDatabaseMidFlowLoseNothingAndRepeatNothing() throws IOException {
        Path scratch = Files.createTempDirectory("conveyor-restart-");
        LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
        LocalPostgres postgres = LocalPostgres.start(Optional.of(scratch.resolve("postgres")));
        DatabaseSettings database = new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Sql sql = new Sql(database);
        StageOverride quick = new StageOverride(null, 4, 4, Duration.ofSeconds(3), 20, Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofMillis(500));
        try (ConveyorEngine engine = startEngine(database, azurite, quick)) {

            submit(engine, 0, JOBS / 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> effects(sql, "worker") >= 5);
            azurite.restart();
            submit(engine, JOBS / 2, JOBS * 3 / 4);
            await().atMost(Duration.ofSeconds(60)).until(() -> effects(sql, "worker") >= JOBS / 2);
            postgres.restart();
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                submit(engine, JOBS * 3 / 4, JOBS);
                return true;
            });

            await().atMost(Duration.ofMinutes(2)).until(() -> effects(sql, "recorder") == JOBS);
            assertThat(effects(sql, "worker")).isEqualTo(JOBS);
            assertThat(sql.count("select count(distinct job_id) from engine_test_effect where stage = 'recorder'"))
                    .isEqualTo(JOBS);
            assertThat(sql.count("select count(*) from dead_letter")).isZero();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(sql.count("select count(*) from outbox")).isZero();
                for (TopologyView.Stage stage : engine.topologies().of("restarts").stages()) {
                    assertThat(stage.approximateDepth()).as(stage.queue()).isZero();
                }
            });
        } finally {
            azurite.close();
            postgres.close();
        }
    }

    /**
     * A minute without Postgres, then a minute without the queue service, while jobs keep arriving. With two
     * deliveries allowed, a message would be dead-lettered had either outage counted as its failure: none is,
     * no failed attempt is even recorded, and every job takes effect exactly once.
     */
    @Test
    void aMinuteWithoutTheDatabaseAndAMinuteWithoutTheQueueServiceCostNoDeliveryAndDeadLetterNothing() throws IOException {
        Path scratch = Files.createTempDirectory("conveyor-outage-");
        LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
        LocalPostgres postgres = LocalPostgres.start(Optional.of(scratch.resolve("postgres")));
        DatabaseSettings database = new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Sql sql = new Sql(database);
        StageOverride strict = new StageOverride(null, 4, 4, Duration.ofSeconds(4), 2, Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofMillis(500));
        try (ConveyorEngine engine = startEngine(database, azurite, strict)) {
            List<String> poisonQueues = engine.topologies().of("restarts").stages().stream().map(TopologyView.Stage::poisonQueue)
                    .toList();

            // Slow jobs hold their transactions open when the database goes; the rest are still queued.
            JobsPlugin.slowGate = new CountDownLatch(1);
            int slowStarted = JobsPlugin.slowStarts.get();
            for (int i = 0; i < 4; i++) {
                engine.routes().ingest("restarts", "jobs", "{\"jobId\": \"job-" + i + "\", \"behaviour\": \"slow\"}",
                        Optional.of("job-" + i));
            }
            submit(engine, 4, 30);
            await().atMost(Duration.ofSeconds(30)).until(() -> JobsPlugin.slowStarts.get() - slowStarted >= 2);
            postgres.stop();
            JobsPlugin.slowGate.countDown();
            // The slow jobs' writes meet the outage, and the jobs received meanwhile wait for the database too.
            await().during(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(75)).until(() ->
                    poisonQueues.stream().mapToLong(queue -> engine.transport("restarts").approximateDepth(queue)).sum() == 0);
            postgres.startAgain();
            await().atMost(Duration.ofMinutes(2)).until(() -> effects(sql, "recorder") == 30);

            azurite.close();
            // Accepted into the outbox while the queue service is away; the sweeper sends them once it is back.
            submit(engine, 30, 40);
            await().during(Duration.ofSeconds(50)).atMost(Duration.ofSeconds(65)).until(() ->
                    sql.count("select count(*) from dead_letter") == 0);
            azurite.startAgain();

            await().atMost(Duration.ofMinutes(2)).until(() -> effects(sql, "recorder") == 40);
            assertThat(effects(sql, "worker")).isEqualTo(40);
            assertThat(sql.count("select count(distinct job_id) from engine_test_effect where stage = 'recorder'"))
                    .isEqualTo(40);
            assertThat(sql.count("select count(*) from dead_letter")).isZero();
            assertThat(sql.count("select count(*) from message_attempt")).as("failed attempts recorded").isZero();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(sql.count("select count(*) from outbox")).isZero());
        } finally {
            azurite.close();
            postgres.close();
        }
    }

    /** An engine on these services with a tenant "restarts" whose stages have the given settings. */
    private static ConveyorEngine startEngine(DatabaseSettings database, LocalAzurite azurite, StageOverride settings) {
        DatabasePools pools = TestEngines.pools(database, List.of(new JobsPlugin()), 10);
        ConveyorEngine engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(azurite.connectionString())
                .plugins(new PluginRegistry(List.of(new JobsPlugin())))
                .outboxSweep(Duration.ofSeconds(1), Duration.ofSeconds(2))
                .shutdownGrace(Duration.ofSeconds(2))
                .secretsKeys(dev.conveyor.services.TestServices.SECRETS_KEY)
                .start();
        engine.tenants().create(new TenantSpec("restarts", "restarts", "jobs", Map.of(),
                Map.of("worker", settings, "recorder", settings), null));
        return engine;
    }

    /** Submits jobs [from, to); idempotency keys make a retry after a failed attempt harmless. */
    private static void submit(ConveyorEngine engine, int from, int to) {
        for (int i = from; i < to; i++) {
            engine.routes().ingest("restarts", "jobs", "{\"jobId\": \"job-" + i + "\", \"behaviour\": \"ok\"}", Optional.of("job-" + i));
        }
    }

    private static long effects(Sql sql, String stage) {
        return sql.count("select count(*) from engine_test_effect where stage = ?", stage);
    }
}
