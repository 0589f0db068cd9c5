package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import dev.conveyor.engine.claim.BlobClaimStore;
import dev.conveyor.engine.claim.ClaimReference;
import dev.conveyor.engine.claim.ClaimStore;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.queue.QueueNames;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Tenant data safety on the queues, one row per attack or accident (the README's reliability table lists the same):
 * forged claim references and invalid ids are dead-lettered at once, never resolved or retried; personal data in a
 * message that fails stays out of the logs and out of the dead letter's reason. Each row runs on a tenant of its own.
 */
final class TenantDataSafetyIT {

    private static final Sql sql = Sql.asOwner();
    private static final EnvelopeCodec codec = new EnvelopeCodec();
    private static final String EMAIL = "grace.hopper@example.com";

    @RegisterExtension
    static final EngineForClass engine = new EngineForClass(TestEngines::jobs);

    private static ClaimStore claims;
    /** A blob of tenant "victim": what forged references point at. */
    private static ClaimReference victimClaim;

    @BeforeAll
    static void putTheVictimsClaim() {
        claims = BlobClaimStore.forAccount(TestServices.get().storageConnectionString()).orElseThrow();
        String victim = newTenant("victim");
        victimClaim = new ClaimReference(victim, UUID.randomUUID().toString(), queue(victim, 0));
        claims.put(victimClaim, "{\"jobId\": \"secret\", \"behaviour\": \"ok\", \"notes\": \"" + EMAIL + "\"}");
    }

    @AfterAll
    static void deleteTheVictimsClaim() {
        claims.delete(victimClaim);
    }

    /** case, the body sent (given the tenant and its entry queue), what the dead letter's reason says. */
    static Stream<Arguments> forgedOrInvalid() {
        return Stream.of(
                row("a claim reference to another tenant's blob", (tenant, queue) -> claimed(tenant, victimClaim.messageId(),
                        victimClaim.toString()), "does not belong to tenant '%s'"),
                row("a claim reference to its own message's copy on another queue", (tenant, queue) -> {
                    String id = UUID.randomUUID().toString();
                    return claimed(tenant, id, new ClaimReference(tenant, id, queue(tenant, 1)).toString());
                }, "does not belong to tenant '%s'"),
                row("a claim reference not of the platform's form (a path up the tree)", (tenant, queue) -> {
                    String id = UUID.randomUUID().toString();
                    return claimed(tenant, id, "blob:" + tenant + "/../" + victimClaim.blobName());
                }, "does not belong to tenant '%s'"),
                row("an envelope id of 3000 characters", (tenant, queue) -> envelope(tenant, "x".repeat(3000), "c-1"),
                        "invalid 'id': 3000 characters, at most 128"),
                row("an envelope id with a slash", (tenant, queue) -> envelope(tenant, "a/b", "c-1"),
                        "invalid 'id': character 2 is not one of"),
                row("a correlation id with a line break", (tenant, queue) -> envelope(tenant, "m-1", "c\n1"),
                        "invalid 'correlationid'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedOrInvalid")
    void forgedReferencesAndInvalidIdsAreDeadLetteredAtOnceNeverResolved(String name,
            BiFunction<String, String, String> body, String reason) {
        String tenant = newTenant("ds");
        String queue = queue(tenant, 0);
        QueueTransport transport = engine.get().transport(tenant);

        transport.send(queue, body.apply(tenant, queue), Duration.ZERO);

        Map<String, Object> letter = awaitDeadLetter(tenant, queue);
        assertThat((String) letter.get("reason")).contains(reason.formatted(tenant));
        assertThat(letter.get("dequeue_count")).as("dead-lettered at once, not retried").isEqualTo(1L);
        assertThat(sql.count("select count(*) from engine_test_effect where tenant_id = ?", tenant)).isZero();
        assertThat(claims.get(victimClaim)).as("the victim's blob is neither read into the tenant nor deleted")
                .contains("secret");
        engine.get().tenants().delete(tenant, true);
    }

    /** case, the body sent (given the tenant), which of its queues gets it, what the dead letter's reason says. */
    static Stream<Arguments> personalDataInFailures() {
        return Stream.of(
                Arguments.of("malformed JSON whose bad token is an e-mail address",
                        (java.util.function.Function<String, String>) tenant -> "{\"jobId\": " + EMAIL + "}", 0,
                        "message body is not valid JSON: malformed JSON at line 1"),
                Arguments.of("text that is neither JSON nor base64",
                        (java.util.function.Function<String, String>) tenant -> EMAIL + " ordered 3 keyboards", 0,
                        "neither JSON nor base64"),
                Arguments.of("a value of the wrong type (Jackson quotes it)",
                        (java.util.function.Function<String, String>) tenant -> codec.encode(new Envelope("m-" + UUID.randomUUID(),
                                JobsPlugin.RESULT.name(), "/test", Instant.now(), tenant, "c-1", null, null, null,
                                codec.json().createObjectNode().put("jobId", "j").put("workerAttempt", EMAIL))), 1,
                        "does not match Result at workerAttempt: not a valid long"),
                Arguments.of("an envelope time that is not a date",
                        (java.util.function.Function<String, String>) tenant -> "{\"specversion\": \"1.0\", \"id\": \"m-1\","
                                + " \"type\": \"test.job.v1\", \"source\": \"/t\", \"tenant\": \"" + tenant + "\", \"time\": \""
                                + EMAIL + "\", \"data\": {\"jobId\": \"j\"}}", 0,
                        "has an invalid 'time': not an ISO-8601 date-time"),
                Arguments.of("a database error whose detail quotes the row (unique violation)",
                        (java.util.function.Function<String, String>) tenant -> "{\"jobId\": \"" + EMAIL
                                + "\", \"behaviour\": \"duplicate-key\"}", 0,
                        "failed 3 deliveries, last with database error SQLState 23505"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personalDataInFailures")
    void personalDataInAFailingMessageStaysOutOfTheLogsAndTheReason(String name,
            java.util.function.Function<String, String> body, int stage, String reason) {
        String tenant = newTenant("pd");
        String queue = queue(tenant, stage);
        CapturedLogs logs = CapturedLogs.capture();
        try {
            engine.get().transport(tenant).send(queue, body.apply(tenant), Duration.ZERO);

            Map<String, Object> letter = awaitDeadLetter(tenant, queue);
            assertThat((String) letter.get("reason")).contains(reason).doesNotContain("grace");
            assertThat(logs.text()).as("what the engine logged about it").contains("dead-lettering message")
                    .doesNotContain("grace").doesNotContain("example.com");
        } finally {
            logs.stop();
        }
        engine.get().tenants().delete(tenant, true);
    }

    private static Map<String, Object> awaitDeadLetter(String tenant, String queue) {
        QueueTransport transport = engine.get().transport(tenant);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sql.count("select count(*) from dead_letter where tenant_id = ?", tenant) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> transport.approximateDepth(queue) == 0
                && transport.approximateDepth(QueueNames.poison(queue)) == 1);
        return sql.row("select reason, dequeue_count from dead_letter where tenant_id = ?", tenant);
    }

    private static String newTenant(String prefix) {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        engine.get().tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(),
                Map.of("worker", TestEngines.QUICK, "recorder", TestEngines.QUICK), null));
        return tenant;
    }

    /** The physical queue of the tenant's stage at {@code index} (0: worker's Jobs, 1: recorder's Results). */
    private static String queue(String tenant, int index) {
        return engine.get().topologies().of(tenant).stages().get(index).queue();
    }

    private static String claimed(String tenant, String id, String dataRef) {
        return codec.encode(new Envelope(id, JobsPlugin.JOB.name(), "/test", Instant.now(), tenant, id, null, null,
                dataRef, null));
    }

    private static String envelope(String tenant, String id, String correlationId) {
        return codec.encode(new Envelope(id, JobsPlugin.JOB.name(), "/test", Instant.now(), tenant, correlationId, null,
                null, null, codec.toTree(new JobsPlugin.Job("job-1", "ok"))));
    }

    private static Arguments row(String name, BiFunction<String, String, String> body, String reason) {
        return Arguments.of(name, body, reason);
    }

    /** Every log event of every logger while it runs, with its stack trace, as text. */
    private static final class CapturedLogs extends AppenderBase<ILoggingEvent> {

        private final Queue<String> lines = new ConcurrentLinkedQueue<>();

        static CapturedLogs capture() {
            CapturedLogs logs = new CapturedLogs();
            logs.start();
            root().addAppender(logs);
            return logs;
        }

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(event.getLoggerName() + " " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }

        String text() {
            return String.join("\n", List.copyOf(lines));
        }

        @Override
        public void stop() {
            root().detachAppender(this);
            super.stop();
        }

        private static Logger root() {
            return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        }
    }
}
