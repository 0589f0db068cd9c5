package dev.conveyor.bench;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.budget.TenantBudget;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.LocalAzurite;
import dev.conveyor.services.LocalPostgres;
import dev.conveyor.services.Percentiles;
import dev.conveyor.services.Sql;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark: on a fresh Azurite and embedded Postgres (durable settings), measures (1) the queue service's raw
 * ceiling, (2) a hand-written baseline consumer on the logistics pipeline, (3) Conveyor on the same pipeline at
 * saturation and at half of it, and (4) Conveyor's idle cost; prints one table with ratios and writes it as JSON.
 * With {@code --model} it runs (2), (3) and the engine alone against {@link AzureQueueModel} instead, with no
 * Azurite, no ceiling and no idle run. Run with {@code ./conveyor bench} (see bench/README.md).
 */
public final class Bench {

    private static final int MESSAGE_BYTES = 700;
    private static final int MAX_BACKLOG = 250;
    private static final int PRODUCERS = 16;
    /** The topology's minimum per order: 3 sends + 3 deletes + 3 receives shared by up to 32 messages each. */
    private static final double MINIMUM_OPS_PER_ORDER = 3 + 3 + 3 / 32.0;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        int orders = 600;
        boolean idle = true;
        boolean model = false;
        boolean noisyNeighbour = false;
        boolean clientCpuOnly = false;
        boolean manyTenants = false;
        for (String arg : args) {
            switch (arg) {
                case "--client-cpu" -> clientCpuOnly = true;
                case "--skip-idle" -> idle = false;
                case "--model" -> model = true;
                case "--noisy-neighbour" -> noisyNeighbour = true;
                case "--many-tenants" -> manyTenants = true;
                default -> {
                    if (!arg.matches("\\d+")) {
                        throw new IllegalArgumentException("unknown argument '" + arg
                                + "' (usage: ./conveyor bench [ORDERS] [--skip-idle] [--model] [--noisy-neighbour]"
                                + " | ./conveyor bench [TENANTS] --many-tenants [--model] | ./conveyor bench --client-cpu)");
                    }
                    orders = Integer.parseInt(arg);
                }
            }
        }
        PrintStream out = System.out;
        Path scratch = Files.createTempDirectory("conveyor-bench-");
        if (clientCpuOnly) {
            clientCpuOnly(out, scratch);
            return;
        }
        LocalPostgres postgres = LocalPostgres.start(Optional.of(scratch.resolve("postgres")));
        DatabaseSettings database = new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("orders", orders);
        document.put("messageBytes", MESSAGE_BYTES);
        try {
            if (manyTenants && model) {
                StorageOperations operations = new StorageOperations();
                AzureQueueModel queues = new AzureQueueModel(operations);
                document.putAll(ManyIdleTenants.run(out, "[Azure model] ", database, queues, queues, operations, orders));
            } else if (manyTenants) {
                LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
                try {
                    StorageOperations operations = new StorageOperations();
                    document.putAll(ManyIdleTenants.run(out, "", database,
                            new AzureQueueTransport(azurite.connectionString(), List.of(operations)),
                            new AzureQueueTransport(azurite.connectionString(), List.of(operations)), operations, orders));
                } finally {
                    azurite.close();
                }
            } else if (noisyNeighbour && model) {
                document.putAll(NoisyNeighbour.run(out, "[Azure model] ", database,
                        new AzureQueueModel(new StorageOperations()), orders));
            } else if (noisyNeighbour) {
                LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
                try {
                    document.putAll(NoisyNeighbour.run(out, "", database,
                            new AzureQueueTransport(azurite.connectionString()), orders));
                } finally {
                    azurite.close();
                }
            } else if (model) {
                document.putAll(onAzureModel(out, database, orders));
            } else {
                LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
                try {
                    document.putAll(onAzurite(out, azurite, database, orders, idle));
                } finally {
                    azurite.close();
                }
            }
        } finally {
            postgres.close();
        }
        Path json = Path.of("bench/results/bench-" + (manyTenants ? "tenants-" : "") + (noisyNeighbour ? "noisy-" : "") + (model ? "model-" : "")
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        out.println("written to " + json);
    }

    /** The first mode: everything on Azurite, where this machine's queue service is the limit. */
    private static Map<String, Object> onAzurite(PrintStream out, LocalAzurite azurite, DatabaseSettings database,
            int orders, boolean idle) throws Exception {
        Sql sql = new Sql(database);
        StorageOperations operations = new StorageOperations();
        List<Result> results = new ArrayList<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        try (ConveyorEngine engine = engine(database, new AzureQueueTransport(azurite.connectionString(), List.of(operations)))) {
            out.println("1/4 raw ceiling of the queue service (SDK alone) ...");
            results.add(ceiling(azurite, operations));

            out.println("2/4 hand-written baseline on the logistics pipeline, " + orders + " orders ...");
            results.add(baseline("baseline (quickstart-style consumer, no inbox/outbox)", database, sql, operations,
                    new AzureQueueTransport(azurite.connectionString(), List.of(operations)), orders));

            out.println("3/4 Conveyor on the same pipeline, " + orders + " orders at saturation, then half of it ...");
            results.addAll(conveyor("", engine, sql, operations, orders));

            if (idle) {
                out.println("4/4 idle cost: one minute without traffic, then one order ...");
                long before = operations.count();
                LockSupport.parkNanos(Duration.ofMinutes(1).toNanos());
                int queues = 3;
                extra.put("idleStorageOpsPerMinutePerQueue", (operations.count() - before) / (double) queues);
                Instant sent = Instant.now();
                engine.routes().ingest("bench", "orders", Orders.json("IDLE-1"), Optional.empty());
                while (Orders.notified(sql, "bench", "IDLE-") < 1) {
                    LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
                }
                extra.put("firstOrderAfterIdleMinuteMillis", Duration.between(sent, Instant.now()).toMillis());
            }
        }
        out.println();
        out.println("Conveyor benchmark (Azurite + embedded Postgres with fsync on; figures are this machine's)");
        printTable(out, "", results);
        Result ceiling = results.get(0);
        Result baseline = results.get(1);
        Result saturated = results.get(2);
        out.printf("storage ops per order, minimum for this topology: %.2f%n", MINIMUM_OPS_PER_ORDER);
        out.printf("Conveyor / ceiling (storage ops/s): %.2f%n", saturated.storageOpsPerSecond() / ceiling.storageOpsPerSecond());
        out.printf("Conveyor / baseline (orders/s):     %.2f%n", saturated.ordersPerSecond() / baseline.ordersPerSecond());
        out.printf("Conveyor storage ops per order / minimum: %.2f%n", saturated.storageOpsPerOrder() / MINIMUM_OPS_PER_ORDER);
        extra.forEach((key, value) -> out.printf("%s: %s%n", key, value instanceof Double d ? format(d) : value));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("results", results.stream().map(Result::asMap).toList());
        document.put("idle", extra);
        return document;
    }

    private static Result ceiling(LocalAzurite azurite, StorageOperations operations) throws InterruptedException {
        return new RawCeiling(new AzureQueueTransport(azurite.connectionString(), List.of(operations)), operations,
                MESSAGE_BYTES).run(Duration.ofSeconds(15));
    }

    /**
     * Only the queue client's CPU per storage call ({@link RawCeiling#perCallCost}) on a fresh Azurite, without
     * Postgres: about a minute, for comparing client settings or profiling the client (bench/README.md).
     */
    private static void clientCpuOnly(PrintStream out, Path scratch) throws Exception {
        LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
        try {
            out.println("the queue client's CPU per storage call ...");
            StorageOperations operations = new StorageOperations();
            Result calls = new RawCeiling(new AzureQueueTransport(azurite.connectionString(), List.of(operations)),
                    operations, MESSAGE_BYTES).perCallCost(4, Duration.ofSeconds(20), Duration.ofSeconds(30));
            printTable(out, "", List.of(calls));
            out.println(calls.note());
        } finally {
            azurite.close();
        }
    }

    /**
     * The second mode: the same baseline and Conveyor runs against {@link AzureQueueModel}, where per-operation
     * latency dominates as it does on Azure and the queue's targets are far above what one process reaches.
     */
    private static Map<String, Object> onAzureModel(PrintStream out, DatabaseSettings database, int orders)
            throws Exception {
        Sql sql = new Sql(database);
        StorageOperations operations = new StorageOperations();
        AzureQueueModel queues = new AzureQueueModel(operations);
        List<Result> results = new ArrayList<>();
        out.println("[Azure model] " + AzureQueueModel.describe());
        try (ConveyorEngine engine = engine(database, queues)) {
            out.println("[Azure model] 1/3 hand-written baseline on the logistics pipeline, " + orders + " orders ...");
            results.add(baseline("[Azure model] baseline (quickstart-style consumer)", database, sql, operations, queues,
                    orders));
            out.println("[Azure model] 2/3 Conveyor on the same pipeline, " + orders
                    + " orders at saturation, then half of it ...");
            results.addAll(conveyor("[Azure model] ", engine, sql, operations, orders));
            out.println("[Azure model] 3/3 the engine alone: a relay stage and a sink stage with no domain work, "
                    + orders * 3 + " messages ...");
            engine.tenants().create(TenantSpec.of("relay", "bench-relay"));
            results.add(measure("[Azure model] engine alone (relay + sink, no domain writes; per message)", sql,
                    operations, orders * 3, 0,
                    n -> engine.routes().ingest("relay", RelayPlugin.INGEST_ROUTE, "{\"id\": \"" + n + "\", \"body\": \""
                            + "x".repeat(MESSAGE_BYTES / 2) + "\"}", Optional.empty()),
                    () -> sql.count("select count(*) from inbox where tenant_id = ? and stage = 'sink'", "relay"),
                    List::of));
        }
        out.println();
        out.println("[Azure model] Conveyor benchmark against a MODEL of Azure Storage Queues (not Azure), with embedded"
                + " Postgres (fsync on) on this machine");
        printTable(out, "[Azure model] ", results);
        Result baseline = results.get(0);
        Result saturated = results.get(1);
        out.printf("[Azure model] Conveyor / baseline (orders/s): %.2f%n", saturated.ordersPerSecond() / baseline.ordersPerSecond());
        out.printf("[Azure model] messages/s one Conveyor process sustained on the logistics pipeline (3 per order): %.0f;"
                + " with no domain work (relay + sink, 2 per message): %.0f (one queue's target: %d)%n",
                saturated.ordersPerSecond() * 3, results.get(3).ordersPerSecond() * 2,
                AzureQueueModel.QUEUE_MESSAGES_PER_SECOND);
        out.printf("[Azure model] calls answered 503 Server Busy: %d%n", queues.throttled());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("queueService", AzureQueueModel.describe());
        document.put("results", results.stream().map(Result::asMap).toList());
        document.put("serverBusyAnswers", queues.throttled());
        return document;
    }

    private static int warmUp(int orders) {
        return Math.max(50, orders / 5);
    }

    /** {@code database} migrated for {@code plugins}, with {@code size} application connections. */
    static DatabasePools pools(DatabaseSettings database, List<? extends DomainPlugin<?>> plugins, int size) {
        return new DatabaseSetup(database.jdbcUrl(), database.user(), database.password()).open(plugins, size, null);
    }

    private static ConveyorEngine engine(DatabaseSettings database, QueueTransport transport) {
        List<DomainPlugin<?>> plugins = List.of(new LogisticsPlugin(), new RelayPlugin());
        DatabasePools pools = pools(database, plugins, 30);
        return ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .transport(transport)
                .plugins(new PluginRegistry(plugins))
                // one tenant at a time, measured at saturation: it may use the whole process, as before budgets
                .tenantBudget(TenantBudget.unbounded(30))
                .start();
    }

    private static Result baseline(String name, DatabaseSettings database, Sql sql, StorageOperations operations,
            QueueTransport queues, int orders) throws InterruptedException {
        HandWrittenBaseline.createTenantRow(sql, "baseline", "logistics");
        LogisticsPlugin plugin = new LogisticsPlugin();
        try (DatabasePools pools = pools(database, List.of(plugin), 10);
                Database baselineDatabase = new Database(pools, List.of(plugin))) {
            HandWrittenBaseline baseline = new HandWrittenBaseline(queues, baselineDatabase, plugin, "baseline");
            baseline.start();
            try {
                // Unmeasured, so that both sides are measured with the JIT warm: the baseline runs first.
                measure("warm-up", sql, operations, "baseline", "BLW-", warmUp(orders), 0,
                        n -> baseline.send("OrderQueue", Orders.json("BLW-" + n).replaceAll("\\s+", " ")));
                return measure(name, sql, operations, "baseline", "BL-", orders, 0,
                        n -> baseline.send("OrderQueue", Orders.json("BL-" + n).replaceAll("\\s+", " ")));
            } finally {
                baseline.stop();
            }
        }
    }

    /** Conveyor at saturation, then at half the rate it reached. */
    private static List<Result> conveyor(String label, ConveyorEngine engine, Sql sql, StorageOperations operations,
            int orders) throws InterruptedException {
        engine.tenants().create(TenantSpec.of("bench", "logistics"));
        measure("warm-up", sql, operations, "bench", "WARM-", warmUp(orders), 0,
                n -> engine.routes().ingest("bench", "orders", Orders.json("WARM-" + n), Optional.empty()));
        Result saturated = measure(label + "Conveyor at saturation", sql, operations, "bench", "SAT-", orders, 0,
                n -> engine.routes().ingest("bench", "orders", Orders.json("SAT-" + n), Optional.empty()));
        double halfRate = saturated.ordersPerSecond() / 2;
        Result half = measure(label + "Conveyor at half load (" + Math.round(halfRate) + " orders/s)", sql, operations,
                "bench", "HALF-", orders / 2, halfRate,
                n -> engine.routes().ingest("bench", "orders", Orders.json("HALF-" + n), Optional.empty()));
        return List.of(saturated, half);
    }

    /**
     * Sends {@code orders} orders ({@code rate} per second, or as fast as the backlog allows when 0) and waits until
     * every one was notified; returns the run's figures. Orders are sent from many threads, as many clients would:
     * one sending thread would measure the round trip of a single ingest call rather than the pipeline. How many
     * are done is read from Postgres by one monitor thread, so the producers themselves cost no queries.
     */
    private static Result measure(String name, Sql sql, StorageOperations operations, String tenant, String prefix,
            int orders, double rate, IntConsumer send) throws InterruptedException {
        return measure(name, sql, operations, orders, rate, send, () -> Orders.notified(sql, tenant, prefix),
                () -> Orders.latencies(sql, tenant, prefix));
    }

    /**
     * The same for any pipeline: {@code done} says how many items have come through, {@code latencies} their
     * end-to-end times in milliseconds (empty where the pipeline does not record them).
     */
    private static Result measure(String name, Sql sql, StorageOperations operations, int orders, double rate,
            IntConsumer send, LongSupplier done, Supplier<List<Long>> latencies) throws InterruptedException {
        Usage before = Usage.now(operations, sql);
        AtomicLong notified = new AtomicLong();
        Thread monitor = Thread.ofVirtual().name("bench-monitor").start(() -> {
            while (notified.get() < orders) {
                notified.set(done.getAsLong());
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        });
        try (ExecutorService producers = Executors.newVirtualThreadPerTaskExecutor()) {
            if (rate > 0) {
                long interval = (long) (1e9 / rate);
                long next = System.nanoTime();
                for (int n = 0; n < orders; n++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += interval;
                    int order = n;
                    producers.execute(() -> send.accept(order));
                }
            } else {
                AtomicInteger nextOrder = new AtomicInteger();
                for (int producer = 0; producer < PRODUCERS; producer++) {
                    producers.execute(() -> {
                        for (int n = nextOrder.getAndIncrement(); n < orders; n = nextOrder.getAndIncrement()) {
                            while (n - notified.get() > MAX_BACKLOG) {
                                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
                            }
                            send.accept(n);
                        }
                    });
                }
            }
        }
        monitor.join();
        Usage used = Usage.now(operations, sql).minus(before);
        List<Long> times = latencies.get();
        return new Result(name, orders / used.seconds(), used.storageOperations() / used.seconds(),
                used.storageOperations() / (double) orders, used.postgresCommits() / (double) orders,
                used.cpuNanos() / 1e6 / orders, used.cpuMicrosPerStorageCall(), percentile(times, 50),
                percentile(times, 95), percentile(times, 99), null, used.operationsPerOrderByKind(orders));
    }

    private static Long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? null : Percentiles.nearestRank(sorted, percent);
    }

    private static void printTable(PrintStream out, String label, List<Result> results) {
        out.printf("%-76s %9s %9s %9s %9s %9s %11s %18s%n", label + "run", "orders/s", "ops/s", "ops/order", "PG tx/o",
                "CPU ms/o", "CPU us/call", "p50/p95/p99 ms");
        for (Result result : results) {
            out.printf("%-76s %9s %9s %9s %9s %9s %11s %18s%n", result.name(), format(result.ordersPerSecond()),
                    format(result.storageOpsPerSecond()), format(result.storageOpsPerOrder()),
                    format(result.postgresCommitsPerOrder()), format(result.cpuMillisPerOrder()),
                    format(result.cpuMicrosPerStorageCall()),
                    result.p50Millis() == null ? "-" : result.p50Millis() + "/" + result.p95Millis() + "/" + result.p99Millis());
            if (result.opsPerOrderByKind() != null) {
                StringBuilder kinds = new StringBuilder();
                result.opsPerOrderByKind().forEach((kind, perOrder) -> kinds.append(' ').append(kind).append(' ')
                        .append(String.format("%.2f", perOrder)));
                out.printf("%s    storage ops per order by kind:%s%n", label, kinds);
            }
        }
    }

    private static String format(Double value) {
        return value == null ? "-" : String.format("%.1f", value);
    }
}
