package dev.conveyor.bench;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.testkit.DatabaseSettings;
import dev.conveyor.testkit.LocalAzurite;
import dev.conveyor.testkit.LocalPostgres;
import dev.conveyor.testkit.Sql;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark: on a fresh Azurite and embedded Postgres (durable settings), measures (1) the queue service's raw
 * ceiling, (2) a hand-written baseline consumer on the logistics pipeline, (3) Conveyor on the same pipeline at
 * saturation and at half of it, and (4) Conveyor's idle cost; prints one table with ratios and writes it as JSON.
 * Run with {@code ./conveyor bench} (see bench/README.md).
 */
public final class Bench {

    private static final int MESSAGE_BYTES = 700;
    private static final int MAX_BACKLOG = 250;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        boolean idle = args.length <= 1 || !args[1].equals("--skip-idle");
        PrintStream out = System.out;
        Path scratch = Files.createTempDirectory("conveyor-bench-");
        LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
        LocalPostgres postgres = LocalPostgres.start(Optional.of(scratch.resolve("postgres")));
        DatabaseSettings database = new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Sql sql = new Sql(database);
        StorageOperations operations = new StorageOperations();
        List<Result> results = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        try (ConveyorEngine engine = ConveyorEngine.builder()
                .database(database.jdbcUrl(), database.user(), database.password())
                .poolSize(30)
                .transport(new AzureQueueTransport(azurite.connectionString(), List.of(operations)))
                .storageConnectionString(azurite.connectionString())
                .plugins(new PluginRegistry(List.of(new LogisticsPlugin())))
                .start()) {
            out.println("1/4 raw ceiling of the queue service (SDK alone) ...");
            Result ceiling = new RawCeiling(azurite.connectionString(), operations, MESSAGE_BYTES).run(Duration.ofSeconds(15));
            results.add(ceiling);

            out.println("2/4 hand-written baseline on the logistics pipeline, " + orders + " orders ...");
            HandWrittenBaseline.createTenantRow(new Sql(database), "baseline", "logistics");
            try (Database baselineDatabase = Database.open(database.jdbcUrl(), database.user(), database.password(), 10,
                    List.of(new LogisticsPlugin()))) {
                HandWrittenBaseline baseline = new HandWrittenBaseline(azurite.connectionString(), operations,
                        baselineDatabase, new LogisticsPlugin(), "baseline");
                baseline.start();
                results.add(measure("baseline (quickstart-style consumer, no inbox/outbox)", sql, operations, "baseline",
                        "BL-", orders, 0, n -> baseline.queue("OrderQueue").sendMessage(
                                Orders.json("BL-" + n).replaceAll("\\s+", " "))));
                baseline.stop();
            }

            out.println("3/4 Conveyor on the same pipeline, " + orders + " orders at saturation, then half of it ...");
            engine.createTenant(TenantSpec.of("bench", "logistics"));
            Result saturated = measure("Conveyor at saturation", sql, operations, "bench", "SAT-", orders, 0,
                    n -> engine.ingest("bench", "orders", Orders.json("SAT-" + n), Optional.empty()));
            results.add(saturated);
            double halfRate = saturated.ordersPerSecond() / 2;
            results.add(measure("Conveyor at half load (" + Math.round(halfRate) + " orders/s)", sql, operations, "bench",
                    "HALF-", orders / 2, halfRate, n -> engine.ingest("bench", "orders", Orders.json("HALF-" + n),
                            Optional.empty())));

            if (idle) {
                out.println("4/4 idle cost: one minute without traffic, then one order ...");
                long before = operations.count();
                LockSupport.parkNanos(Duration.ofMinutes(1).toNanos());
                int queues = 3;
                extra.put("idleStorageOpsPerMinutePerQueue", (operations.count() - before) / (double) queues);
                Instant sent = Instant.now();
                engine.ingest("bench", "orders", Orders.json("IDLE-1"), Optional.empty());
                while (Orders.notified(sql, "bench", "IDLE-") < 1) {
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                }
                extra.put("firstOrderAfterIdleMinuteMillis", Duration.between(sent, Instant.now()).toMillis());
            }
        } finally {
            azurite.close();
            postgres.close();
        }
        print(out, results, extra);
        Path json = Path.of("bench/results/bench-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".json");
        Files.createDirectories(json.getParent());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("orders", orders);
        document.put("messageBytes", MESSAGE_BYTES);
        document.put("results", results.stream().map(Result::asMap).toList());
        document.put("idle", extra);
        Files.writeString(json, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        out.println("written to " + json);
    }

    /**
     * Sends {@code orders} orders ({@code rate} per second, or as fast as the backlog allows when 0) and waits until
     * every one was notified; returns the run's figures.
     */
    private static Result measure(String name, Sql sql, StorageOperations operations, String tenant, String prefix,
            int orders, double rate, IntConsumer send) {
        Usage before = Usage.now(operations, sql);
        AtomicInteger sent = new AtomicInteger();
        long interval = rate > 0 ? (long) (1e9 / rate) : 0;
        long next = System.nanoTime();
        for (int n = 0; n < orders; n++) {
            if (interval > 0) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
            } else {
                while (sent.get() - Orders.notified(sql, tenant, prefix) > MAX_BACKLOG) {
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
            }
            send.accept(n);
            sent.incrementAndGet();
        }
        while (Orders.notified(sql, tenant, prefix) < orders) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        Usage used = Usage.now(operations, sql).minus(before);
        List<Long> latencies = Orders.latencies(sql, tenant, prefix);
        return new Result(name, orders / used.seconds(), used.storageOperations() / used.seconds(),
                used.storageOperations() / (double) orders, used.postgresCommits() / (double) orders,
                used.cpuNanos() / 1e6 / orders, Orders.percentile(latencies, 50), Orders.percentile(latencies, 95),
                Orders.percentile(latencies, 99), null);
    }

    private static void print(PrintStream out, List<Result> results, Map<String, Object> extra) {
        // The topology's minimum per order: 3 sends + 3 deletes + 3 receives shared by up to 32 messages each.
        double minimumOpsPerOrder = 3 + 3 + 3 / 32.0;
        out.println();
        out.println("Conveyor benchmark (Azurite + embedded Postgres with fsync on; figures are this machine's)");
        out.printf("%-62s %9s %9s %9s %9s %9s %18s%n", "run", "orders/s", "ops/s", "ops/order", "PG tx/o", "CPU ms/o",
                "p50/p95/p99 ms");
        for (Result result : results) {
            out.printf("%-62s %9s %9s %9s %9s %9s %18s%n", result.name(), format(result.ordersPerSecond()),
                    format(result.storageOpsPerSecond()), format(result.storageOpsPerOrder()),
                    format(result.postgresCommitsPerOrder()), format(result.cpuMillisPerOrder()),
                    result.p50Millis() == null ? "-" : result.p50Millis() + "/" + result.p95Millis() + "/" + result.p99Millis());
        }
        Result ceiling = results.get(0);
        Result baseline = results.get(1);
        Result saturated = results.get(2);
        out.printf("storage ops per order, minimum for this topology: %.2f%n", minimumOpsPerOrder);
        out.printf("Conveyor / ceiling (storage ops/s): %.2f%n", saturated.storageOpsPerSecond() / ceiling.storageOpsPerSecond());
        out.printf("Conveyor / baseline (orders/s):     %.2f%n", saturated.ordersPerSecond() / baseline.ordersPerSecond());
        out.printf("Conveyor storage ops per order / minimum: %.2f%n", saturated.storageOpsPerOrder() / minimumOpsPerOrder);
        extra.forEach((key, value) -> out.printf("%s: %s%n", key, value instanceof Double d ? format(d) : value));
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format("%.1f", value);
    }
}
