package dev.conveyor.bench;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.budget.BudgetExceededException;
import dev.conveyor.engine.budget.TenantBudget;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.Percentiles;
import dev.conveyor.services.Sql;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The noisy-neighbour scenario: tenant {@code steady} sends a steady load within its ingest share, first alone, then
 * while tenant {@code noisy} floods at 10 times its share, on one engine with the operator's per-tenant budgets.
 * Reports the steady tenant's end-to-end latency (p50/p99) in both phases of the same run, and what the flood got in.
 */
final class NoisyNeighbour {

    /** Each tenant's ingest budget, orders per second (also its burst). */
    static final int SHARE = 10;
    /** The steady tenant's rate: within its share. */
    static final double STEADY_RATE = 8;
    /** The noisy tenant's attempted rate: ten times its share. */
    static final double FLOOD_RATE = 10 * SHARE;

    private NoisyNeighbour() {
    }

    /** The budget of the run: the share's rate, and a pool of 30 of which one tenant may hold 10. */
    static TenantBudget budget() {
        return new TenantBudget(SHARE, SHARE, 24, 10, Duration.ofMillis(500));
    }

    static Map<String, Object> run(PrintStream out, String label, DatabaseSettings database, QueueTransport transport,
            int orders) {
        Sql sql = new Sql(database);
        Map<String, Object> document = new LinkedHashMap<>();
        List<DomainPlugin<?>> plugins = List.of(new LogisticsPlugin());
        DatabasePools pools = Bench.pools(database, plugins, 30);
        try (ConveyorEngine engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .transport(transport)
                .plugins(new PluginRegistry(plugins))
                .tenantBudget(budget())
                .start()) {
            engine.tenants().create(TenantSpec.of("steady", "logistics"));
            engine.tenants().create(TenantSpec.of("noisy", "logistics"));
            out.println(label + "noisy neighbour: budget " + budget());
            out.println(label + "1/3 warm-up: both tenants at their steady rate ...");
            Flood warmFlood = Flood.start(engine, "noisy", "WARM-", STEADY_RATE);
            steady(engine, sql, "WARM-", Math.max(50, orders / 5));
            warmFlood.stop();
            awaitNotified(sql, "noisy", "WARM-", warmFlood.accepted.get());

            out.println(label + "2/3 steady tenant alone: " + orders + " orders at " + STEADY_RATE + "/s ...");
            Phase solo = steady(engine, sql, "SOLO-", orders);

            out.println(label + "3/3 the same while the noisy tenant floods at " + FLOOD_RATE + "/s (10x its share) ...");
            Flood flood = Flood.start(engine, "noisy", "FLOOD-", FLOOD_RATE);
            Phase shared = steady(engine, sql, "SHARED-", orders);
            flood.stop();
            awaitNotified(sql, "noisy", "FLOOD-", flood.accepted.get());

            double ratio = shared.p99 / (double) solo.p99;
            out.println();
            out.println(label + "Noisy neighbour (same run, one engine, per-tenant budgets)");
            out.printf("%s%-58s %8s %8s %8s%n", label, "steady tenant (" + STEADY_RATE + " orders/s)", "p50 ms", "p95 ms", "p99 ms");
            out.printf("%s%-58s %8d %8d %8d%n", label, "alone", solo.p50, solo.p95, solo.p99);
            out.printf("%s%-58s %8d %8d %8d%n", label, "while the neighbour floods at 10x its share", shared.p50,
                    shared.p95, shared.p99);
            out.printf("%ssteady p99 with the flood / alone: %.2f (target <= 1.5)%n", label, ratio);
            out.printf("%snoisy tenant: %d attempts, %d accepted (%.1f/s), %d refused (429 or 503), %d other errors%n",
                    label, flood.attempts.get(), flood.accepted.get(), flood.accepted.get() / flood.seconds(),
                    flood.refused.get(), flood.failed.get());
            out.printf("%ssteady tenant refused: alone %d, with the flood %d%n", label, solo.refused, shared.refused);
            document.put("budget", budget().toString());
            document.put("steadyRatePerSecond", STEADY_RATE);
            document.put("floodRatePerSecond", FLOOD_RATE);
            document.put("steadyAlone", solo.asMap());
            document.put("steadyWithFlood", shared.asMap());
            document.put("p99Ratio", ratio);
            document.put("floodAttempts", flood.attempts.get());
            document.put("floodAccepted", flood.accepted.get());
            document.put("floodRefused", flood.refused.get());
        }
        return document;
    }

    private record Phase(long p50, long p95, long p99, long refused) {

        Map<String, Object> asMap() {
            return Map.of("p50Millis", p50, "p95Millis", p95, "p99Millis", p99, "refused", refused);
        }
    }

    /** Sends {@code orders} for the steady tenant at its rate, waits until every one was notified. */
    private static Phase steady(ConveyorEngine engine, Sql sql, String prefix, int orders) {
        AtomicLong refused = new AtomicLong();
        try (ExecutorService producers = Executors.newVirtualThreadPerTaskExecutor()) {
            long interval = (long) (1e9 / STEADY_RATE);
            long next = System.nanoTime();
            for (int n = 0; n < orders; n++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
                String orderId = prefix + n;
                producers.execute(() -> {
                    // within its share it should never be refused; if it is, it retries as a client would
                    while (true) {
                        try {
                            engine.routes().ingest("steady", "orders", Orders.json(orderId), Optional.of(orderId));
                            return;
                        } catch (BudgetExceededException e) {
                            refused.incrementAndGet();
                            LockSupport.parkNanos(e.retryAfter().orElseThrow().toNanos());
                        }
                    }
                });
            }
        }
        awaitNotified(sql, "steady", prefix, orders);
        List<Long> latencies = Orders.latencies(sql, "steady", prefix);
        return new Phase(Percentiles.nearestRank(latencies, 50), Percentiles.nearestRank(latencies, 95),
                Percentiles.nearestRank(latencies, 99), refused.get());
    }

    private static void awaitNotified(Sql sql, String tenant, String prefix, long orders) {
        while (Orders.notified(sql, tenant, prefix) < orders) {
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** A tenant sending at {@code rate} per second regardless of answers, as a misbehaving client does. */
    private static final class Flood {
        final AtomicLong attempts = new AtomicLong();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final long started = System.nanoTime();
        private volatile long stopped;
        private Thread pacer;

        static Flood start(ConveyorEngine engine, String tenant, String prefix, double rate) {
            Flood flood = new Flood();
            ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
            flood.pacer = Thread.ofVirtual().name("flood-" + tenant).start(() -> {
                long interval = (long) (1e9 / rate);
                long next = System.nanoTime();
                for (int n = 0; flood.running.get(); n++) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += interval;
                    String orderId = prefix + n;
                    flood.attempts.incrementAndGet();
                    senders.execute(() -> {
                        try {
                            engine.routes().ingest(tenant, "orders", Orders.json(orderId), Optional.empty());
                            flood.accepted.incrementAndGet();
                        } catch (BudgetExceededException e) {
                            flood.refused.incrementAndGet();
                        } catch (RuntimeException e) {
                            flood.failed.incrementAndGet();
                        }
                    });
                }
                senders.close();
            });
            return flood;
        }

        void stop() {
            running.set(false);
            try {
                pacer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped = System.nanoTime();
        }

        double seconds() {
            return (stopped - started) / 1e9;
        }
    }
}
