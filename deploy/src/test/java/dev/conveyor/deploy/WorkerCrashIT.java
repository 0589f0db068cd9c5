package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.plugin.PluginDiscovery;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fault proof: the logistics pipeline runs in three worker processes ({@code serve} with a role each:
 * dispatch, tracking, notify) while orders flow, and the workers are killed with SIGKILL at random moments and
 * restarted. At the end every order has exactly one final state, one shipment, one notification; every stage's
 * inbox has exactly one row per order; the outbox and the queues are empty; there are no dead letters.
 * {@code -Dconveyor.soak.orders=2000 -Dconveyor.soak.minutes=30} turns it into a soak run (outside CI).
 */
final class WorkerCrashIT {

    private static final int ORDERS = Integer.getInteger("conveyor.soak.orders", 40);
    private static final Duration SETTLE = Duration.ofMinutes(Integer.getInteger("conveyor.soak.minutes", 4));
    private static final List<String> STAGES = List.of("dispatch", "tracking", "notify");

    @Test
    void killedAndRestartedWorkersLoseNothingAndDoNothingTwice() {
        Sql owner = Sql.asOwner();
        DatabaseSettings database = owner.newDatabase("crash_" + UUID.randomUUID().toString().substring(0, 8));
        Sql sql = new Sql(database);
        String storage = TestServices.get().storageConnectionString();
        String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 6);
        StageOverride quick = new StageOverride(null, 8, 8, Duration.ofSeconds(5), 10, Duration.ofMillis(500),
                Duration.ofSeconds(2), Duration.ofMillis(500));
        Random random = new Random();
        AtomicInteger kills = new AtomicInteger();

        // The API role in this JVM: accepts the orders, runs no stage.
        PluginRegistry plugins = PluginDiscovery.discover(Optional.of(ServerUnderTest.PLUGINS));
        DatabasePools pools = new DatabaseSetup(database.jdbcUrl(), database.user(), database.password())
                .open(plugins.all(), 5, null);
        try (ConveyorEngine api = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(storage)
                .plugins(plugins)
                .runsStages(stage -> false)
                .outboxSweep(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .start()) {
            api.tenants().create(new TenantSpec(tenant, tenant, "logistics", Map.of(),
                    Map.of("dispatch", quick, "tracking", quick, "notify", quick), null));
            List<ServerProcess> workers = STAGES.stream()
                    .map(stage -> new ServerProcess(database, storage, "--conveyor.stages=" + stage,
                            "--conveyor.shutdown-grace=2s").start())
                    .toList();
            ScheduledExecutorService chaos = Executors.newSingleThreadScheduledExecutor();
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> workers.stream().allMatch(ServerProcess::healthy));
                // Every few seconds, at a random moment, kill -9 a worker that is up and start it again.
                Runnable killOne = new Runnable() {
                    @Override
                    public void run() {
                        List<ServerProcess> up = workers.stream().filter(ServerProcess::healthy).toList();
                        if (!up.isEmpty()) {
                            ServerProcess victim = up.get(random.nextInt(up.size()));
                            victim.kill();
                            kills.incrementAndGet();
                            victim.start();
                        }
                        chaos.schedule(this, 3000 + random.nextInt(6000), TimeUnit.MILLISECONDS);
                    }
                };
                chaos.schedule(killOne, 2000 + random.nextInt(3000), TimeUnit.MILLISECONDS);
                for (int i = 0; i < ORDERS; i++) {
                    api.routes().ingest(tenant, "orders", order("CRASH-" + i), Optional.empty());
                    if (i % 5 == 4) {
                        int sent = i + 1;
                        // pace the producer on the pipeline's own progress rather than on the wall clock
                        await().atMost(Duration.ofMinutes(2)).until(() -> sql.count(
                                "select count(*) from inbox where tenant_id = ? and stage = 'dispatch'", tenant) >= sent - 10);
                    }
                }
                await().atMost(Duration.ofMinutes(1)).until(() -> kills.get() >= 3);
                chaos.shutdownNow();
                await().atMost(SETTLE).until(() -> sql.count(
                        "select count(*) from logistics_order where tenant_id = ? and status = 'NOTIFIED'", tenant) == ORDERS);

                assertThat(sql.count("select count(*) from logistics_order where tenant_id = ?", tenant)).isEqualTo(ORDERS);
                assertThat(sql.count("select count(*) from logistics_shipment where tenant_id = ?", tenant)).isEqualTo(ORDERS);
                assertThat(sql.count("select count(*) from logistics_shipment_event where tenant_id = ?", tenant)).isEqualTo(ORDERS);
                assertThat(sql.count("select count(*) from logistics_notification where tenant_id = ?", tenant)).isEqualTo(ORDERS);
                assertThat(sql.count("select count(distinct order_id) from logistics_notification where tenant_id = ?", tenant))
                        .isEqualTo(ORDERS);
                for (String stage : STAGES) {
                    assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = ?", tenant, stage))
                            .as("inbox of " + stage).isEqualTo(ORDERS);
                }
                assertThat(sql.count("select count(*) from dead_letter where tenant_id = ?", tenant)).isZero();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(sql.count("select count(*) from outbox where tenant_id = ?", tenant)).isZero();
                    for (TopologyView.Stage stage : api.topologies().of(tenant).stages()) {
                        assertThat(stage.approximateDepth()).as(stage.queue()).isZero();
                        assertThat(stage.poisonDepth()).as(stage.poisonQueue()).isZero();
                    }
                });
                assertThat(kills.get()).isGreaterThanOrEqualTo(3);
            } catch (AssertionError | RuntimeException e) {
                workers.forEach(worker -> System.err.println("---- worker log ----\n" + tail(worker.log())));
                throw e;
            } finally {
                chaos.shutdownNow();
                workers.forEach(ServerProcess::close);
            }
        }
    }

    private static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    private static String order(String orderId) {
        return """
                {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                 "items": [{"sku": "SKU-1", "description": "Book", "quantity": 1, "weightKg": 0.5}],
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "STANDARD"}}""".formatted(orderId);
    }
}
