package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ingest.IdempotencyConflictException;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group commit on real Postgres and Azurite: messages of a stage handled at the same time share one transaction (and
 * requests of a tenant accepted at the same time another), a
 * message that fails inside a shared transaction fails alone, and a slow handler does not hold up the messages that
 * arrive while it runs (those that ran before it in its own group wait for its commit). Rows
 * written in one transaction carry the same {@code xmin}, which is how the tests count commits.
 */
final class GroupCommitIT {

    private static final StageOverride DISABLED = new StageOverride(false, null, null, null, null, null, null, null);
    private static final StageOverride QUICK_32 = new StageOverride(true, 32, 32, Duration.ofSeconds(2), 3,
            Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(300));

    private static final Sql sql = Sql.asOwner();

    @RegisterExtension
    static final EngineForClass engine = new EngineForClass(TestEngines::jobs);

    @Test
    void aBacklogCommitsInFarFewerTransactionsThanMessagesAndAFailingMessageTakesNoneOfItsGroupDown() {
        String tenant = tenantWithWorkerDisabled();
        int jobs = 60;
        for (int i = 0; i < jobs; i++) {
            submit(tenant, "job-" + i, "ok");
        }
        // A handler error and a database error (the second insert of a unique key aborts the transaction) in the middle.
        submit(tenant, "invalid", "permanent");
        submit(tenant, "clash", "duplicate-key");
        for (int i = jobs; i < jobs * 2; i++) {
            submit(tenant, "job-" + i, "ok");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.get().transport(tenant)
                .approximateDepth(engine.get().topologies().of(tenant).stages().getFirst().queue()) == jobs * 2 + 2);

        enableWorker(tenant);

        await().atMost(Duration.ofSeconds(60)).until(() -> effects(tenant, "recorder") == jobs * 2);
        assertThat(effects(tenant, "worker")).isEqualTo(jobs * 2);
        assertThat(sql.count("select count(distinct job_id) from engine_test_effect where tenant_id = ? and stage = 'worker'",
                tenant)).isEqualTo(jobs * 2);
        assertThat(sql.count("select count(*) from engine_test_effect where tenant_id = ? and job_id in ('invalid', 'clash')",
                tenant)).isZero();
        assertThat(sql.count("select count(*) from engine_test_unique where tenant_id = ?", tenant))
                .as("nothing of the failed message's work is left").isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from dead_letter where tenant_id = ?", tenant) == 2);
        long commits = sql.count("select count(distinct xmin::text) from engine_test_effect where tenant_id = ?"
                + " and stage = 'worker'", tenant);
        assertThat(commits).as("transactions that wrote the worker's %d effects", jobs * 2).isLessThanOrEqualTo(jobs / 2);
        assertThat(sql.count("select count(distinct xmin::text) from inbox where tenant_id = ? and stage = 'worker'",
                tenant)).as("the inbox rows commit with their effects").isEqualTo(commits);
    }

    @Test
    void aSlowHandlerDoesNotHoldUpTheMessagesThatArriveWhileItRuns() {
        String tenant = tenantWithWorkerDisabled();
        CountDownLatch gate = new CountDownLatch(1);
        JobsPlugin.slowGate = gate;
        int slowStarted = JobsPlugin.slowStarts.get();
        try {
            submit(tenant, "slow", "slow");
            enableWorker(tenant);
            await().atMost(Duration.ofSeconds(30)).until(() -> JobsPlugin.slowStarts.get() == slowStarted + 1);
            for (int i = 0; i < 10; i++) {
                submit(tenant, "quick-" + i, "ok");
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> effects(tenant, "recorder") == 10);
            assertThat(sql.count("select count(*) from engine_test_effect where tenant_id = ? and job_id = 'slow'", tenant))
                    .isZero();
        } finally {
            gate.countDown();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> effects(tenant, "recorder") == 11);
    }

    @Test
    void requestsOfATenantAcceptedAtTheSameTimeShareCommitsAndAConflictingKeyFailsAlone() throws Exception {
        String tenant = tenantWithWorkerDisabled();
        submitWithKey(tenant, "first", "key-taken");
        int threads = 8;
        int perThread = 5;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Throwable>> outcomes = new ArrayList<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                outcomes.add(senders.submit(() -> {
                    start.await();
                    Throwable conflict = null;
                    for (int i = 0; i < perThread; i++) {
                        submitWithKey(tenant, "job-" + thread + "-" + i, "key-" + thread + "-" + i);
                        if (thread == 0 && i == 2) {
                            try {
                                submitWithKey(tenant, "another body", "key-taken");
                            } catch (RuntimeException e) {
                                conflict = e;
                            }
                        }
                    }
                    return conflict;
                }));
            }
            start.countDown();
        }
        assertThat(outcomes.getFirst().get()).isInstanceOf(IdempotencyConflictException.class);
        long keys = sql.count("select count(*) from idempotency_key where tenant_id = ?", tenant);
        assertThat(keys).isEqualTo(threads * perThread + 1);
        assertThat(sql.count("select count(distinct xmin::text) from idempotency_key where tenant_id = ?", tenant))
                .as("transactions that accepted %d requests", threads * perThread).isLessThan(threads * perThread);
        enableWorker(tenant);
        await().atMost(Duration.ofSeconds(60)).until(() -> effects(tenant, "recorder") == threads * perThread + 1);
    }

    private static String tenantWithWorkerDisabled() {
        String tenant = "gc-" + UUID.randomUUID().toString().substring(0, 8);
        engine.get().tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(),
                Map.of("worker", DISABLED, "recorder", QUICK_32), null));
        return tenant;
    }

    private static void enableWorker(String tenant) {
        engine.get().topologies().overrideStage(tenant, "worker", QUICK_32, engine.get().topologies().of(tenant).version(), "test");
    }

    private static void submit(String tenant, String jobId, String behaviour) {
        engine.get().routes().ingest(tenant, "jobs", "{\"jobId\": \"" + jobId + "\", \"behaviour\": \"" + behaviour + "\"}",
                Optional.empty());
    }

    private static void submitWithKey(String tenant, String jobId, String key) {
        engine.get().routes().ingest(tenant, "jobs", "{\"jobId\": \"" + jobId + "\", \"behaviour\": \"ok\"}", Optional.of(key));
    }

    private static long effects(String tenant, String stage) {
        return sql.count("select count(*) from engine_test_effect where tenant_id = ? and stage = ?", tenant, stage);
    }
}
