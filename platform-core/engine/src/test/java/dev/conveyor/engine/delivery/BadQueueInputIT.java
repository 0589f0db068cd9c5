package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.queue.QueueNames;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What happens to bad input arriving on a queue, one row per case (the README's reliability table lists the same):
 * each ends processed once or dead-lettered with a reason that names the problem, never retried in a loop and
 * never lost. Each case runs on a tenant of its own.
 */
final class BadQueueInputIT {

    private static final Sql sql = Sql.asOwner();
    private static final EnvelopeCodec codec = new EnvelopeCodec();

    @RegisterExtension
    static final EngineForClass engine = new EngineForClass(TestEngines::jobs);

    /** case, the bodies sent to the entry queue (given the tenant), effects expected, dead-letter reason expected. */
    static Stream<Arguments> cases() {
        return Stream.of(
                row("malformed JSON", tenant -> List.of("{\"jobId\": \"a\", "), 0, "message body is not valid JSON"),
                row("valid JSON that is not an object", tenant -> List.of("[1, 2, 3]"), 0, "JSON but not an object"),
                row("valid JSON of the wrong shape", tenant -> List.of("{\"jobId\": {\"nested\": true}}"), 0,
                        "does not match Job at jobId"),
                row("an unknown field", tenant -> List.of("{\"jobId\": \"a\", \"colour\": \"red\"}"), 0,
                        "does not match Job at colour"),
                row("a missing required field", tenant -> List.of("{\"behaviour\": \"ok\"}"), 0,
                        "permanent failure: job is invalid: [jobId: is required]"),
                row("a field that breaks its Bean Validation rule", tenant -> List.of("{\"jobId\": \"a\", \"behaviour\": \""
                        + "b".repeat(41) + "\"}"), 0, "breaks its rules: behaviour: must be at most 40 characters"),
                row("neither JSON nor base64", tenant -> List.of("hello, queue"), 0, "neither JSON nor base64"),
                row("base64-wrapped JSON (Azure Functions)", tenant -> List.of(Base64.getEncoder().encodeToString(
                        "{\"jobId\": \"b64\"}".getBytes(StandardCharsets.UTF_8))), 1, null),
                row("raw JSON from a foreign producer", tenant -> List.of("{\"jobId\": \"raw\"}"), 1, null),
                row("an unknown message type", tenant -> List.of(envelope(tenant, "test.unknown.v1", null, UUID.randomUUID().toString())),
                        0, "has type 'test.unknown.v1' but queue"),
                row("an envelope claiming another tenant", tenant -> List.of(envelope("someone-else", JobsPlugin.JOB.name(),
                        null, UUID.randomUUID().toString())), 0, "claims tenant 'someone-else'"),
                row("the same message id twice", tenant -> {
                    String body = envelope(tenant, JobsPlugin.JOB.name(), null, "same-id");
                    return List.of(body, body);
                }, 1, null),
                row("an expired message", tenant -> List.of(envelope(tenant, JobsPlugin.JOB.name(),
                        Instant.now().minusSeconds(60), UUID.randomUUID().toString())), 0, "expired at"),
                row("a CloudEvents version we do not speak", tenant -> List.of("{\"specversion\": \"0.3\", \"id\": \"x\"}"), 0,
                        "specversion '0.3' is not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputOnAQueueEndsProcessedOnceOrDeadLetteredWithItsReason(String name,
            java.util.function.Function<String, List<String>> bodies, int effects, String reason) {
        String tenant = "bq-" + UUID.randomUUID().toString().substring(0, 8);
        engine.get().tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(),
                Map.of("worker", TestEngines.QUICK, "recorder", TestEngines.QUICK), null));
        String queue = engine.get().topologies().of(tenant).stages().getFirst().queue();
        QueueTransport transport = engine.get().transport(tenant);
        for (String body : bodies.apply(tenant)) {
            transport.send(queue, body, Duration.ZERO);
        }

        if (reason == null) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("engine_test_effect", tenant, "and stage = 'recorder'") == effects);
            await().atMost(Duration.ofSeconds(20)).until(() -> transport.approximateDepth(queue) == 0);
            assertThat(count("engine_test_effect", tenant, "and stage = 'worker'")).isEqualTo(effects);
            assertThat(count("dead_letter", tenant, "")).isZero();
        } else {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("dead_letter", tenant, "") == 1);
            Map<String, Object> letter = sql.row("select reason, dequeue_count from dead_letter where tenant_id = ?", tenant);
            assertThat((String) letter.get("reason")).contains(reason);
            assertThat(letter.get("dequeue_count")).as("dead-lettered at once, not retried in a loop").isEqualTo(1L);
            await().atMost(Duration.ofSeconds(20)).until(() -> transport.approximateDepth(queue) == 0
                    && transport.approximateDepth(QueueNames.poison(queue)) == 1);
            assertThat(count("engine_test_effect", tenant, "")).isZero();
        }
        engine.get().tenants().delete(tenant, true);
    }

    private static Arguments row(String name, java.util.function.Function<String, List<String>> bodies, int effects,
            String reason) {
        return Arguments.of(name, bodies, effects, reason);
    }

    private static String envelope(String tenant, String type, Instant expiresAt, String id) {
        return codec.encode(new Envelope(id, type, "/test", Instant.now(), tenant, id, null, expiresAt, null,
                codec.toTree(new JobsPlugin.Job("job-" + id, "ok"))));
    }

    private static long count(String table, String tenant, String condition) {
        return sql.count("select count(*) from " + table + " where tenant_id = ? " + condition, tenant);
    }
}
