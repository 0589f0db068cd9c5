package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.ingest.Accepted;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.engine.testplugin.FaultInjectingTransport;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.sdk.StageSettings;
import dev.conveyor.testkit.TestServices;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    private static final StageSettings FAST = StageSettings.defaults()
            .withLease(LEASE)
            .withRetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(1))
            .withMaxIdlePoll(Duration.ofMillis(300))
            .withMaxDeliveries(3);

    private static HikariDataSource dataSource;
    private static FaultInjectingTransport transport;
    private static ConveyorEngine engine;

    private String tenant;
    private TenantTopology topology;

    @BeforeAll
    static void startEngine() {
        TestServices services = TestServices.get();
        dataSource = Database.pool(services.database().jdbcUrl(), services.database().user(),
                services.database().password(), 20);
        transport = new FaultInjectingTransport(new AzureQueueTransport(services.storageConnectionString()));
        engine = ConveyorEngine.builder()
                .dataSource(dataSource)
                .transport(transport)
                .plugins(new PluginRegistry(List.of(new JobsPlugin())))
                .outboxSweep(Duration.ofMillis(500), Duration.ofSeconds(2))
                .shutdownGrace(Duration.ofSeconds(5))
                .start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
        dataSource.close();
    }

    @BeforeEach
    void startTenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        topology = engine.startTenant(new TenantSpec(tenant, tenant, "jobs",
                Map.of("worker", FAST, "recorder", FAST))).topology();
    }

    @AfterEach
    void removeTenant() {
        engine.stopTenant(tenant, true);
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
        String queue = topology.stage("worker").queueName();
        transport.send(queue, body, Duration.ZERO);
        transport.send(queue, body, Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(transport.approximateDepth(queue)).isZero());
        assertThat(effects("worker")).isEqualTo(1);
    }

    @Test
    void aCrashBetweenCommitAndDeleteMakesTheRedeliveryANoOp() {
        String queue = topology.stage("worker").queueName();
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
        String queue = topology.stage("worker").queueName();
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
        String queue = topology.stage("worker").queueName();
        transport.send(queue, "{\"jobId\": \"bare\", \"behaviour\": \"ok\"}", Duration.ZERO);
        transport.send(queue, Base64.getEncoder().encodeToString(
                "{\"jobId\": \"wrapped\", \"behaviour\": \"ok\"}".getBytes(StandardCharsets.UTF_8)), Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(2));
        assertThat(distinctJobs("worker")).isEqualTo(2);
        assertThat(deadLetters()).isZero();
    }

    @Test
    void aMessageClaimingAnotherTenantIsDeadLetteredNotProcessed() {
        transport.send(topology.stage("worker").queueName(), envelope("intruder", "ok", "someone-else"), Duration.ZERO);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters()).isEqualTo(1));
        assertThat((String) single("select reason from dead_letter where tenant_id = ?"))
                .contains("claims tenant 'someone-else'");
        assertThat(effects("worker")).isZero();
    }

    @Test
    void aRetriedSubmissionWithTheSameIdempotencyKeyGetsTheFirstAnswer() {
        String json = "{\"jobId\": \"once\", \"behaviour\": \"ok\"}";
        Accepted first = engine.ingest(tenant, "jobs", json, Optional.of("key-1"));
        Accepted retried = engine.ingest(tenant, "jobs", json, Optional.of("key-1"));

        assertThat(retried.messageId()).isEqualTo(first.messageId());
        assertThat(retried.replayed()).isTrue();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(effects("recorder")).isEqualTo(1));
        assertThat(effects("worker")).isEqualTo(1);
    }

    private void submit(String jobId, String behaviour) {
        engine.ingest(tenant, "jobs", "{\"jobId\": \"" + jobId + "\", \"behaviour\": \"" + behaviour + "\"}",
                Optional.empty());
    }

    private String envelope(String jobId, String behaviour, String claimedTenant) {
        EnvelopeCodec codec = new EnvelopeCodec();
        return codec.encode(new Envelope(UUID.randomUUID().toString(), JobsPlugin.JOB.name(), "/test", Instant.now(),
                claimedTenant, "corr-" + jobId, null, codec.toTree(new JobsPlugin.Job(jobId, behaviour))));
    }

    private List<ReceivedMessage> poisonMessages(String stage) {
        QueueTransport real = transport;
        return real.receive(topology.stage(stage).poisonQueueName(), 32, Duration.ofSeconds(30));
    }

    private long effects(String stage) {
        return (Long) single("select count(*) from engine_test_effect where tenant_id = ? and stage = '" + stage + "'");
    }

    private long distinctJobs(String stage) {
        return (Long) single("select count(distinct job_id) from engine_test_effect where tenant_id = ? and stage = '"
                + stage + "'");
    }

    private long deadLetters() {
        return (Long) single("select count(*) from dead_letter where tenant_id = ?");
    }

    private long unsentOutboxRows() {
        return (Long) single("select count(*) from outbox where tenant_id = ? and sent_at is null");
    }

    private Object single(String sql) {
        return row(sql).values().iterator().next();
    }

    private Map<String, Object> row(String sql) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            try (ResultSet result = statement.executeQuery()) {
                assertThat(result.next()).as("a row for " + sql).isTrue();
                Map<String, Object> row = new java.util.LinkedHashMap<>();
                for (int column = 1; column <= result.getMetaData().getColumnCount(); column++) {
                    row.put(result.getMetaData().getColumnLabel(column), result.getObject(column));
                }
                connection.rollback();
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
