package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.ingest.Accepted;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.tenant.TopologyView;
import dev.conveyor.engine.testplugin.FaultInjectingTransport;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once effects over at-least-once delivery, on real Azurite and Postgres: every test runs a tenant of its
 * own through the two-stage {@link JobsPlugin} and counts the effect rows its handlers wrote.
 */
final class ExactlyOnceDeliveryIT {

    private static final Duration LEASE = Duration.ofSeconds(2);
    static final StageOverride FAST = new StageOverride(null, null, null, LEASE, 3, Duration.ofMillis(200),
            Duration.ofSeconds(1), Duration.ofMillis(300));

    private static final Sql sql = Sql.asOwner();
    private static FaultInjectingTransport transport;
    private static ConveyorEngine engine;

    private String tenant;
    private Map<String, TopologyView.Stage> stages;

    @BeforeAll
    static void startEngine() {
        TestServices services = TestServices.get();
        transport = new FaultInjectingTransport(new AzureQueueTransport(services.storageConnectionString()));
        DatabasePools pools = TestEngines.pools(services.database(), List.of(new JobsPlugin()), 20);
        engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .transport(transport)
                .plugins(new PluginRegistry(List.of(new JobsPlugin())))
                .outboxSweep(Duration.ofMillis(500), Duration.ofSeconds(2))
                .shutdownGrace(Duration.ofSeconds(5))
                .start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @BeforeEach
    void startTenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        engine.tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of("worker", FAST, "recorder", FAST), null));
        stages = engine.topologies().of(tenant).stages().stream()
                .collect(java.util.stream.Collectors.toMap(TopologyView.Stage::name, stage -> stage));
    }

    @AfterEach
    void removeTenant() {
        engine.tenants().delete(tenant, true);
    }

    @Test
    void everyJobTakesEffectExactlyOnceInEachStage() {
        int jobs = 60;
        for (int i = 0; i < jobs; i++) {
            submit("job-" + i, "ok");
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(jobs));
        assertThat(effects("worker")).isEqualTo(jobs);
        assertThat(distinctJobs("worker")).isEqualTo(jobs);
        assertThat(distinctJobs("recorder")).isEqualTo(jobs);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(unsentOutboxRows()).isZero());
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aHandlerThatFailsTwiceIsRetriedAndTakesEffectOnce() {
        submit("flaky", "fail-twice");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(1));
        assertThat(effects("worker")).isEqualTo(1);
        assertThat(single("select attempt from engine_test_effect where tenant_id = ? and stage = 'worker'"))
                .isEqualTo(3L);
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aHandlerThatAlwaysFailsEndsInThePoisonQueueAndADeadLetterWithItsError() {
        submit("doomed", "always-fail");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters()).isEqualTo(1));
        Map<String, Object> letter = row("select stage, reason, error_class, stack_trace, dequeue_count, correlation_id"
                + " from dead_letter where tenant_id = ?");
        assertThat(letter.get("stage")).isEqualTo("worker");
        assertThat((String) letter.get("reason")).contains("failed 3 deliveries").contains("boom: job doomed always fails");
        assertThat(letter.get("error_class")).isEqualTo(IllegalStateException.class.getName());
        assertThat((String) letter.get("stack_trace")).contains("JobsPlugin.work");
        assertThat(letter.get("dequeue_count")).isEqualTo(3L);
        assertThat(poisonMessages("worker")).singleElement()
                .satisfies(message -> assertThat(message.body()).contains("doomed"));
        assertThat(effects("worker")).isZero();
    }

    @Test
    void aDeadLetterShowsEveryAttemptAndReplayingItAfterTheFixCompletesTheFlowOnce() {
        JobsPlugin.bugFixed = false;
        submit("replayed", "buggy");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters()).isEqualTo(1));
        DeadLetters.DeadLetterSummary letter = engine.deadLetters().list(tenant, DeadLetters.DeadLetterFilter.ALL, 0, 10)
                .getFirst();
        DeadLetters.DeadLetterDetail detail = engine.deadLetters().get(tenant, letter.id());
        assertThat(detail.attempts()).hasSize(3)
                .allSatisfy(attempt -> assertThat(attempt.error()).contains("hits a bug not fixed yet"));
        assertThat(detail.attempts()).extracting(DeadLetters.Attempt::attempt).containsExactly(1L, 2L, 3L);
        assertThat(detail.headers()).containsEntry("type", "test.job.v1").containsEntry("id", letter.messageId());
        assertThat(detail.stackTrace()).contains("JobsPlugin.work");
        String poison = stages.get("worker").poisonQueue();
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.approximateDepth(poison) == 1);

        JobsPlugin.bugFixed = true;
        engine.deadLetters().replay(tenant, letter.id(), "operator");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(1));
        assertThat(effects("worker")).isEqualTo(1);
        assertThat(sql.count("select count(*) from inbox where tenant_id = ? and stage = 'worker' and message_id = ?",
                tenant, letter.messageId())).isEqualTo(1);
        assertThat(engine.deadLetters().get(tenant, letter.id()).summary().status()).isEqualTo("REPLAYED");
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.approximateDepth(poison) == 0);
        assertThatThrownBy(() -> engine.deadLetters().replay(tenant, letter.id(), "operator"))
                .hasMessageContaining("was already replayed by operator");
    }

    @Test
    void deadLettersAreFilteredReplayedInBulkAndDiscarded() {
        JobsPlugin.bugFixed = false;
        submit("bulk-1", "buggy");
        submit("bulk-2", "buggy");
        submit("never", "permanent");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters()).isEqualTo(3));
        var buggy = new DeadLetters.DeadLetterFilter("worker", "not fixed", null, null, null);
        assertThat(engine.deadLetters().list(tenant, buggy, 0, 10)).hasSize(2);

        JobsPlugin.bugFixed = true;
        assertThat(engine.deadLetters().replayMatching(tenant, buggy, "operator")).isEqualTo(2);
        long permanent = engine.deadLetters().list(tenant, new DeadLetters.DeadLetterFilter(null, "can never", null, null,
                null), 0, 10).getFirst().id();
        engine.deadLetters().discard(tenant, permanent, "operator");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(2));
        assertThat(engine.deadLetters().list(tenant, new DeadLetters.DeadLetterFilter(null, null, null, null, "DEAD"), 0, 10))
                .isEmpty();
        assertThat(engine.deadLetters().countByStage(tenant)).isEmpty();
    }

    @Test
    void aPermanentFailureIsDeadLetteredOnTheFirstDelivery() {
        submit("invalid", "permanent");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters()).isEqualTo(1));
        assertThat((String) single("select reason from dead_letter where tenant_id = ?"))
                .isEqualTo("permanent failure: job invalid can never succeed");
        assertThat(single("select dequeue_count from dead_letter where tenant_id = ?")).isEqualTo(1L);
        assertThat(poisonMessages("worker")).hasSize(1);
    }

    @Test
    void theSameMessageDeliveredTwiceTakesEffectOnce() {
        String body = envelope("twice", "ok", tenant);
        String queue = stages.get("worker").queue();
        transport.send(queue, body, Duration.ZERO);
        transport.send(queue, body, Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(transport.approximateDepth(queue)).isZero());
        assertThat(effects("worker")).isEqualTo(1);
    }

    @Test
    void aCrashBetweenCommitAndDeleteMakesTheRedeliveryANoOp() {
        String queue = stages.get("worker").queue();
        int skippedBefore = transport.skippedDeletes();
        transport.skipNextDeleteOn(queue);

        submit("survivor", "ok");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(transport.skippedDeletes()).isEqualTo(skippedBefore + 1);
            // the undeleted message comes back once its lease runs out, is skipped by the inbox and deleted
            assertThat(transport.approximateDepth(queue)).isZero();
        });
        assertThat(effects("worker")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(1));
    }

    @Test
    void aMalformedBodyIsDeadLetteredAtOnceNotRetriedInALoop() {
        String queue = stages.get("worker").queue();
        transport.send(queue, "{\"jobId\": \"broken\", ", Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters()).isEqualTo(1));
        assertThat((String) single("select reason from dead_letter where tenant_id = ?"))
                .startsWith("message body is not valid JSON");
        assertThat(single("select dequeue_count from dead_letter where tenant_id = ?")).isEqualTo(1L);
        assertThat(poisonMessages("worker")).singleElement()
                .satisfies(message -> assertThat(message.body()).isEqualTo("{\"jobId\": \"broken\", "));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(transport.approximateDepth(queue)).isZero());
    }

    @Test
    void bareAndBase64WrappedJsonFromForeignProducersIsAcceptedOnTheEntryQueue() {
        String queue = stages.get("worker").queue();
        transport.send(queue, "{\"jobId\": \"bare\", \"behaviour\": \"ok\"}", Duration.ZERO);
        transport.send(queue, Base64.getEncoder().encodeToString(
                "{\"jobId\": \"wrapped\", \"behaviour\": \"ok\"}".getBytes(StandardCharsets.UTF_8)), Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(2));
        assertThat(distinctJobs("worker")).isEqualTo(2);
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aMessageClaimingAnotherTenantIsDeadLetteredNotProcessed() {
        transport.send(stages.get("worker").queue(), envelope("intruder", "ok", "someone-else"), Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters()).isEqualTo(1));
        assertThat((String) single("select reason from dead_letter where tenant_id = ?"))
                .contains("claims tenant 'someone-else'");
        assertThat(effects("worker")).isZero();
    }

    @Test
    void aRetriedSubmissionWithTheSameIdempotencyKeyGetsTheFirstAnswer() {
        String json = "{\"jobId\": \"once\", \"behaviour\": \"ok\"}";
        Accepted first = engine.routes().ingest(tenant, "jobs", json, Optional.of("key-1"));
        Accepted retried = engine.routes().ingest(tenant, "jobs", json, Optional.of("key-1"));

        assertThat(retried.messageId()).isEqualTo(first.messageId());
        assertThat(retried.replayed()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(1));
        assertThat(effects("worker")).isEqualTo(1);
    }

    private void submit(String jobId, String behaviour) {
        engine.routes().ingest(tenant, "jobs", "{\"jobId\": \"" + jobId + "\", \"behaviour\": \"" + behaviour + "\"}",
                Optional.empty());
    }

    private String envelope(String jobId, String behaviour, String claimedTenant) {
        EnvelopeCodec codec = new EnvelopeCodec();
        return codec.encode(new Envelope(UUID.randomUUID().toString(), JobsPlugin.JOB.name(), "/test", Instant.now(),
                claimedTenant, "corr-" + jobId, null, null, null, codec.toTree(new JobsPlugin.Job(jobId, behaviour))));
    }

    /** The poison queue's messages, once there are any: the dead-letter row is written just before the send. */
    private List<ReceivedMessage> poisonMessages(String stage) {
        String poison = stages.get(stage).poisonQueue();
        await().atMost(Duration.ofSeconds(10)).until(() -> transport.approximateDepth(poison) > 0);
        return transport.receive(poison, 32, Duration.ofSeconds(30));
    }

    private long effects(String stage) {
        return sql.count("select count(*) from engine_test_effect where tenant_id = ? and stage = ?", tenant, stage);
    }

    private long distinctJobs(String stage) {
        return sql.count("select count(distinct job_id) from engine_test_effect where tenant_id = ? and stage = ?",
                tenant, stage);
    }

    private long deadLetters() {
        return sql.count("select count(*) from dead_letter where tenant_id = ?", tenant);
    }

    private long unsentOutboxRows() {
        return sql.count("select count(*) from outbox where tenant_id = ?", tenant);
    }

    private Object single(String query) {
        return row(query).values().iterator().next();
    }

    private Map<String, Object> row(String query) {
        return sql.row(query, tenant);
    }
}
