package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.util.List;
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

    @Test
    void killedAndRestartedWorkersLoseNothingAndDoNothingTwice() {
        Sql owner = Sql.asOwner();
        DatabaseSettings database = owner.newDatabase("crash_" + UUID.randomUUID().toString().substring(0, 8));
        Sql sql = new Sql(database);
        String storage = TestServices.get().storageConnectionString();
        String tenant = "crash-" + UUID.randomUUID().toString().substring(0, 6);
        Random random = new Random();
        AtomicInteger kills = new AtomicInteger();

        try (ConveyorEngine api = LogisticsRun.webRole(database, storage, tenant)) {
            List<ServerProcess> workers = LogisticsRun.STAGES.stream()
                    .map(stage -> LogisticsRun.worker(database, storage, stage))
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
                    api.routes().ingest(tenant, "orders", LogisticsRun.order("CRASH-" + i), Optional.empty());
                    if (i % 5 == 4) {
                        int sent = i + 1;
                        // pace the producer on the pipeline's own progress rather than on the wall clock
                        await().atMost(Duration.ofMinutes(2)).until(() -> sql.count(
                                "select count(*) from inbox where tenant_id = ? and stage = 'dispatch'", tenant) >= sent - 10);
                    }
                }
                await().atMost(Duration.ofMinutes(1)).until(() -> kills.get() >= 3);
                chaos.shutdownNow();
                LogisticsRun.assertEveryOrderOnce(sql, api, tenant, ORDERS, SETTLE);
                assertThat(kills.get()).isGreaterThanOrEqualTo(3);
            } catch (AssertionError | RuntimeException e) {
                workers.forEach(worker -> System.err.println("---- worker log ----\n" + LogisticsRun.tail(worker.log())));
                throw e;
            } finally {
                chaos.shutdownNow();
                workers.forEach(ServerProcess::close);
            }
        }
    }
}
