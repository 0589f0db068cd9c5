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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The logistics pipeline spread over processes, for the tests that stop, kill and add workers: the web role in the
 * test's JVM (takes orders, runs no stage) on a database of the test's own, worker processes with one role each,
 * and the proof that every order went through exactly once.
 */
final class LogisticsRun {

    static final List<String> STAGES = List.of("dispatch", "tracking", "notify");
    /** Short polls, leases and backoffs, so that a stopped worker's messages come back quickly. */
    private static final StageOverride QUICK = new StageOverride(null, 8, 8, Duration.ofSeconds(5), 10,
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofMillis(500));

    private LogisticsRun() {
    }

    /** The web role on {@code database}, with {@code tenant} created on the logistics plugin with quick stages. */
    static ConveyorEngine webRole(DatabaseSettings database, String storage, String tenant) {
        PluginRegistry plugins = PluginDiscovery.discover(Optional.of(ServerUnderTest.PLUGINS));
        DatabasePools pools = new DatabaseSetup(database.jdbcUrl(), database.user(), database.password())
                .open(plugins.all(), 5, null);
        ConveyorEngine web = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(storage)
                .plugins(plugins)
                .runsStages(stage -> false)
                .outboxSweep(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .start();
        web.tenants().create(new TenantSpec(tenant, tenant, "logistics", Map.of(),
                Map.of("dispatch", QUICK, "tracking", QUICK, "notify", QUICK), null));
        return web;
    }

    /** A worker process consuming {@code stage} only, as the chart's Deployment for that stage runs it. */
    static ServerProcess worker(DatabaseSettings database, String storage, String stage) {
        return new ServerProcess(database, storage, "--conveyor.stages=" + stage, "--conveyor.shutdown-grace=2s").start();
    }

    static String order(String orderId) {
        return """
                {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                 "items": [{"sku": "SKU-1", "description": "Book", "quantity": 1, "weightKg": 0.5}],
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "STANDARD"}}""".formatted(orderId);
    }

    /**
     * Waits for every order to be notified, then proves each went through once: one order, shipment, shipment
     * event and notification each, one inbox row per stage, no dead letter, and (soon) an empty outbox and queues.
     */
    static void assertEveryOrderOnce(Sql sql, ConveyorEngine web, String tenant, int orders, Duration settle) {
        await().atMost(settle).until(() -> sql.count(
                "select count(*) from logistics_order where tenant_id = ? and status = 'NOTIFIED'", tenant) == orders);
        assertThat(sql.count("select count(*) from logistics_order where tenant_id = ?", tenant)).isEqualTo(orders);
        assertThat(sql.count("select count(*) from logistics_shipment where tenant_id = ?", tenant)).isEqualTo(orders);
        assertThat(sql.count("select count(*) from logistics_shipment_event where tenant_id = ?", tenant)).isEqualTo(orders);
        assertThat(sql.count("select count(*) from logistics_notification where tenant_id = ?", tenant)).isEqualTo(orders);
        assertThat(sql.count("select count(distinct order_id) from logistics_notification where tenant_id = ?", tenant))
                .isEqualTo(orders);
        for (String stage : STAGES) {
            assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = ?", tenant, stage))
                    .as("inbox of " + stage).isEqualTo(orders);
        }
        assertThat(sql.count("select count(*) from dead_letter where tenant_id = ?", tenant)).isZero();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(sql.count("select count(*) from outbox where tenant_id = ?", tenant)).isZero();
            for (TopologyView.Stage stage : web.topologies().of(tenant).stages()) {
                assertThat(stage.approximateDepth()).as(stage.queue()).isZero();
                assertThat(stage.poisonDepth()).as(stage.poisonQueue()).isZero();
            }
        });
    }

    /** The end of a worker's log, for a failure's report. */
    static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
