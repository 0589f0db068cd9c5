package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Handlers that outlast their lease keep it by renewal and run once; on shutdown, in-flight messages get the grace
 * period and what is still running after it is released for another consumer at once, and no outbox row already
 * sent is left behind.
 */
final class LeaseAndShutdownIT {

    private static final Sql sql = Sql.asOwner();

    @Test
    void aHandlerRunningLongerThanItsLeaseKeepsItByRenewalAndRunsOnce() {
        try (ConveyorEngine engine = engine()) {
            String tenant = tenant(engine, Duration.ofSeconds(2));
            JobsPlugin.slowGate = new CountDownLatch(1);
            int startsBefore = JobsPlugin.slowStarts.get();

            submit(engine, tenant, "long", "slow");

            await().atMost(Duration.ofSeconds(20)).until(() -> JobsPlugin.slowStarts.get() == startsBefore + 1);
            // three lease lengths: without renewal the message would be delivered again meanwhile
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                    .until(() -> JobsPlugin.slowStarts.get() == startsBefore + 1);
            JobsPlugin.slowGate.countDown();

            await().atMost(Duration.ofSeconds(20)).until(() -> effects(tenant, "recorder") == 1);
            assertThat(effects(tenant, "worker")).isEqualTo(1);
            assertThat(JobsPlugin.slowStarts.get()).isEqualTo(startsBefore + 1);
            assertThat(sql.count("select count(*) from message_attempt where tenant_id = ?", tenant)).isZero();
        }
    }

    @Test
    void onShutdownAMessageStillInFlightAfterTheGracePeriodIsReleasedAtOnce() {
        String tenant;
        String queue;
        JobsPlugin.slowGate = new CountDownLatch(1);
        int startsBefore = JobsPlugin.slowStarts.get();
        try (ConveyorEngine engine = engine()) {
            tenant = tenant(engine, Duration.ofMinutes(5));
            queue = engine.topologies().of(tenant).stages().getFirst().queue();
            submit(engine, tenant, "interrupted", "slow");
            await().atMost(Duration.ofSeconds(20)).until(() -> JobsPlugin.slowStarts.get() == startsBefore + 1);
        } // close: 1 s grace, then the five-minute lease is given back

        AzureQueueTransport queues = new AzureQueueTransport(TestServices.get().storageConnectionString());
        List<ReceivedMessage> visible = queues.receive(queue, 32, Duration.ofSeconds(30));
        JobsPlugin.slowGate.countDown();
        assertThat(visible).hasSize(1);
        assertThat(visible.getFirst().body()).contains("interrupted");
        assertThat(effects(tenant, "worker")).isZero();
    }

    @Test
    void aShutdownRightAfterSendingLeavesNoSentRowForTheSweeperToSendAgain() {
        String tenant;
        try (ConveyorEngine engine = engine()) {
            tenant = tenant(engine, Duration.ofSeconds(30));
            for (int i = 0; i < 20; i++) {
                submit(engine, tenant, "last-" + i, "ok");
            }
        } // close: sent rows are deleted in batches; the batch still gathering is deleted before it returns

        assertThat(sql.count("select count(*) from outbox where tenant_id = ?", tenant)).isZero();
    }

    private static ConveyorEngine engine() {
        return TestEngines.jobs().shutdownGrace(Duration.ofSeconds(1)).start();
    }

    private static String tenant(ConveyorEngine engine, Duration lease) {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        StageOverride override = new StageOverride(null, null, null, lease, null, Duration.ofMillis(200),
                Duration.ofSeconds(1), Duration.ofMillis(300));
        engine.tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of("worker", override, "recorder", override), null));
        return tenant;
    }

    private static void submit(ConveyorEngine engine, String tenant, String jobId, String behaviour) {
        engine.routes().ingest(tenant, "jobs", "{\"jobId\": \"" + jobId + "\", \"behaviour\": \"" + behaviour + "\"}", Optional.empty());
    }

    private static long effects(String tenant, String stage) {
        return sql.count("select count(*) from engine_test_effect where tenant_id = ? and stage = ?", tenant, stage);
    }
}
