package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One stage scaled on its own as KEDA scales it, mid-flow: the web role (here, the engine in this JVM, running no
 * stage) takes orders while tracking and notify run in a worker process each and dispatch has none (scaled to zero:
 * its backlog grows, nothing else waits on it); dispatch then gets two processes while orders keep coming, and one of
 * them is stopped as a scale-down stops a pod (SIGTERM). In the end every order went through once: one shipment, one
 * notification, one inbox row per stage, no dead letter, empty queues and outbox.
 */
final class StageScalingIT {

    private static final int ORDERS = 30;

    @Test
    void aStageScaledFromZeroToTwoAndBackToOneMidFlowLosesNothingAndDoesNothingTwice() {
        DatabaseSettings database = Sql.asOwner().newDatabase("scale_" + UUID.randomUUID().toString().substring(0, 8));
        Sql sql = new Sql(database);
        String storage = TestServices.get().storageConnectionString();
        String tenant = "scale-" + UUID.randomUUID().toString().substring(0, 6);
        List<ServerProcess> workers = new ArrayList<>();
        try (ConveyorEngine web = LogisticsRun.webRole(database, storage, tenant)) {
            for (String stage : List.of("tracking", "notify")) {
                workers.add(LogisticsRun.worker(database, storage, stage));
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> workers.stream().allMatch(ServerProcess::healthy));

            // Dispatch at zero: orders wait on its queue.
            for (int i = 0; i < ORDERS / 2; i++) {
                web.routes().ingest(tenant, "orders", LogisticsRun.order("SCALE-" + i), Optional.empty());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> dispatchDepth(web, tenant) >= ORDERS / 2);
            assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = 'dispatch'", tenant)).isZero();

            // 0 -> 2 while orders keep coming.
            ServerProcess first = LogisticsRun.worker(database, storage, "dispatch");
            ServerProcess second = LogisticsRun.worker(database, storage, "dispatch");
            workers.add(first);
            workers.add(second);
            for (int i = ORDERS / 2; i < ORDERS; i++) {
                web.routes().ingest(tenant, "orders", LogisticsRun.order("SCALE-" + i), Optional.empty());
            }
            await().atMost(Duration.ofMinutes(2)).until(() -> first.healthy() && second.healthy());
            await().atMost(Duration.ofMinutes(1)).until(() -> sql.count(
                    "select count(*) from inbox where tenant_id = ? and stage = 'dispatch'", tenant) >= ORDERS / 3);

            // 2 -> 1 mid-flow, as a scale-down stops a pod.
            assertThat(second.terminate(Duration.ofSeconds(30))).as("exit code after SIGTERM").isZero();

            LogisticsRun.assertEveryOrderOnce(sql, web, tenant, ORDERS, Duration.ofMinutes(3));
        } catch (AssertionError | RuntimeException e) {
            workers.forEach(worker -> System.err.println("---- worker log ----\n" + LogisticsRun.tail(worker.log())));
            throw e;
        } finally {
            workers.forEach(ServerProcess::close);
        }
    }

    private static long dispatchDepth(ConveyorEngine web, String tenant) {
        return web.topologies().of(tenant).stages().stream().filter(stage -> stage.name().equals("dispatch"))
                .mapToLong(stage -> stage.approximateDepth() == null ? 0 : stage.approximateDepth()).sum();
    }
}
