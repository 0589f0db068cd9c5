package dev.conveyor.engine.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * What the console shows is true when the stages run in another process: an engine that runs no stage (the web role)
 * reads the figures of the engine that does (a worker), in flight while a handler runs included.
 */
final class ActivityAcrossEnginesIT {

    @Test
    void theWebRoleSeesWhatAWorkerInAnotherEngineDid() {
        String tenant = "act-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch gate = new CountDownLatch(1);
        JobsPlugin.slowGate = gate;
        try (ConveyorEngine web = TestEngines.jobs().runsStages(stage -> false).start();
                ConveyorEngine worker = TestEngines.jobs().start()) {
            web.tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(),
                    Map.of("worker", TestEngines.QUICK, "recorder", TestEngines.QUICK), null));
            // The slow job first, running before the others arrive: a message that ran before it in the same group
            // commit would wait for it (GroupCommit), and this test is about the figures, not about that.
            int slowStarted = JobsPlugin.slowStarts.get();
            web.routes().ingest(tenant, "jobs", "{\"jobId\": \"slow\", \"behaviour\": \"slow\"}", Optional.empty());
            await().atMost(Duration.ofSeconds(30)).until(() -> JobsPlugin.slowStarts.get() > slowStarted);
            for (int i = 0; i < 3; i++) {
                web.routes().ingest(tenant, "jobs", "{\"jobId\": \"ok-" + i + "\", \"behaviour\": \"ok\"}", Optional.empty());
            }
            web.routes().ingest(tenant, "jobs", "{\"jobId\": \"never\", \"behaviour\": \"permanent\"}", Optional.empty());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, PipelineActivity.StageFigures> stages = web.activity().stages(tenant);
                assertThat(stages).containsKeys("worker", "recorder");
                assertThat(stages.get("worker")).satisfies(figures -> {
                    assertThat(figures.processed()).isEqualTo(3);
                    assertThat(figures.perMinute()).isEqualTo(3);
                    assertThat(figures.failed()).isEqualTo(1);
                    assertThat(figures.inFlight()).as("the slow job, held in the worker").isEqualTo(1);
                    assertThat(figures.p95Millis()).isNotNull();
                });
                assertThat(stages.get("recorder").processed()).isEqualTo(3);
            });
            assertThat(web.activity().tenants(java.util.List.of(tenant)).get(tenant).perMinute()).isEqualTo(6);

            gate.countDown();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(web.activity().stages(tenant).get("worker")).satisfies(figures -> {
                    assertThat(figures.processed()).isEqualTo(4);
                    assertThat(figures.inFlight()).isZero();
                });
            });
        } finally {
            gate.countDown();
            JobsPlugin.slowGate = new CountDownLatch(0);
        }
    }
}
