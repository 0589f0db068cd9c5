package dev.conveyor.bench;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.telemetry.Telemetry;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.Sql;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Many idle tenants: a worker process (every stage, metrics and the backlog poller on, as the server runs it) holds
 * {@code tenants} logistics tenants without traffic. Reports how long provisioning them took, the heap in use after
 * a collection and the platform threads of the whole process, the storage operations per tenant per minute once the
 * queues have been idle past the deep-idle threshold, and how long the first order after that takes end to end when
 * it is ingested through a second engine instance that runs no stage (as the web role does).
 */
final class ManyIdleTenants {

    /** Idle long enough for every consumer and the backlog poller to reach their longest back-off. */
    private static final Duration SETTLE = Duration.ofMinutes(3);
    private static final Duration MEASURED = Duration.ofMinutes(2);
    private static final int FIRST_ORDERS = 5;
    private static final int WARM_UP_ORDERS = 50;

    private ManyIdleTenants() {
    }

    static Map<String, Object> run(PrintStream out, String label, DatabaseSettings database, QueueTransport workerQueues,
            QueueTransport webQueues, StorageOperations operations, int tenants) {
        Sql sql = new Sql(database);
        List<DomainPlugin<?>> plugins = List.of(new LogisticsPlugin());
        DatabasePools workerPools = Bench.pools(database, plugins, 30);
        DatabasePools webPools = Bench.pools(database, plugins, 10);
        Map<String, Object> document = new LinkedHashMap<>();
        try (ConveyorEngine worker = ConveyorEngine.builder().database(workerPools).closing(workerPools)
                .transport(workerQueues).plugins(new PluginRegistry(plugins))
                .telemetry(Telemetry.of(new SimpleMeterRegistry(), OpenTelemetry.noop(), true), Duration.ofSeconds(10))
                .start();
                ConveyorEngine web = ConveyorEngine.builder().database(webPools).closing(webPools)
                        .transport(webQueues).plugins(new PluginRegistry(plugins)).runsStages(stage -> false).start()) {
            out.println(label + "1/3 provisioning " + tenants + " logistics tenants ...");
            long started = System.nanoTime();
            for (int n = 0; n < tenants; n++) {
                worker.tenants().create(TenantSpec.of(tenant(n), "logistics"));
            }
            double provisioningSeconds = (System.nanoTime() - started) / 1e9;
            out.printf("%s   %.1f s (%.1f ms per tenant)%n", label, provisioningSeconds, provisioningSeconds * 1000 / tenants);
            // Unmeasured, as in the other scenarios: a process's very first orders pay for class loading and the JIT,
            // which is not what idling costs.
            worker.tenants().create(TenantSpec.of("warm", "logistics"));
            for (int n = 0; n < WARM_UP_ORDERS; n++) {
                web.routes().ingest("warm", "orders", Orders.json("WARM-" + n), Optional.empty());
            }
            while (Orders.notified(sql, "warm", "WARM-") < WARM_UP_ORDERS) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }

            out.println(label + "2/3 idle: " + SETTLE.toMinutes() + " min to settle, then " + MEASURED.toMinutes()
                    + " min measured ...");
            LockSupport.parkNanos(SETTLE.toNanos());
            long before = operations.count();
            long measuredFrom = System.nanoTime();
            LockSupport.parkNanos(MEASURED.toNanos());
            double minutes = (System.nanoTime() - measuredFrom) / 60e9;
            double opsPerTenantMinute = (operations.count() - before) / minutes / tenants;
            System.gc();
            long heapBytes = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            int peakThreads = ManagementFactory.getThreadMXBean().getPeakThreadCount();

            out.println(label + "3/3 the first order of " + FIRST_ORDERS + " idle tenants, ingested through the other"
                    + " instance ...");
            List<Long> firstOrderMillis = new ArrayList<>();
            for (int i = 0; i < FIRST_ORDERS; i++) {
                String tenant = tenant((int) ((long) i * tenants / FIRST_ORDERS));
                Instant sent = Instant.now();
                web.routes().ingest(tenant, "orders", Orders.json("FIRST-" + i), Optional.empty());
                while (Orders.notified(sql, tenant, "FIRST-" + i) < 1) {
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                }
                firstOrderMillis.addAll(Orders.latencies(sql, tenant, "FIRST-" + i));
                // Where the time went: when each stage's transaction began, after the ingest call.
                StringBuilder hops = new StringBuilder();
                for (Map<String, Object> row : sql.rows("select stage, processed_at from inbox where tenant_id = ?"
                        + " order by processed_at", tenant)) {
                    hops.append(' ').append(row.get("stage")).append(" +").append(Duration.between(sent,
                            ((Timestamp) row.get("processed_at")).toInstant()).toMillis()).append(" ms");
                }
                out.println(label + "   " + tenant + ":" + hops);
            }
            Collections.sort(firstOrderMillis);

            out.println();
            out.println(label + "Many idle tenants (one worker process with metrics, a second instance for ingest)");
            out.printf("%stenants: %d, provisioned in %.1f s%n", label, tenants, provisioningSeconds);
            out.printf("%sheap in use after a collection: %d MB (target < 512); platform threads: %d now, %d at peak"
                    + " (target < 200)%n", label, heapBytes >> 20, threads, peakThreads);
            out.printf("%sstorage operations per tenant per minute while idle: %.2f (target <= 10)%n", label,
                    opsPerTenantMinute);
            out.printf("%sfirst order after idling, ingested elsewhere, enqueue to notification: %s ms (target < 1000)%n",
                    label, firstOrderMillis);
            document.put("tenants", tenants);
            document.put("provisioningSeconds", provisioningSeconds);
            document.put("heapMegabytesAfterGc", heapBytes >> 20);
            document.put("platformThreads", threads);
            document.put("peakPlatformThreads", peakThreads);
            document.put("idleStorageOpsPerTenantPerMinute", opsPerTenantMinute);
            document.put("firstOrderAfterIdleMillis", firstOrderMillis);
        }
        return document;
    }

    private static String tenant(int n) {
        return "idle-" + n;
    }
}
