package dev.conveyor.plugin.healthcare.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.engine.egress.EgressHttpClient;
import dev.conveyor.engine.egress.EgressPolicy;
import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;
import dev.conveyor.plugin.healthcare.settings.SystemOfRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against a receiver on the loopback interface, as a system of record sees it, through the platform's
 * egress client with that receiver's port allowed (as an operator allows an internal endpoint).
 */
final class SystemOfRecordClientTest {

    private static final Instant NOW = Instant.parse("2026-03-03T12:00:00Z");
    private static final SyncPayload PAYLOAD = new SyncPayload("A-1", "REQ-1", "P-1", 2, AppointmentStatus.RESCHEDULED,
            "downtown", Instant.parse("2026-03-05T14:30:00Z"), Instant.parse("2026-03-05T15:00:00Z"));

    private final Map<String, Received> received = new ConcurrentHashMap<>();
    private HttpServer server;
    private EgressHttpClient http;

    @BeforeEach
    void startReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.put(path, new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Conveyor-Signature"),
                    exchange.getRequestHeaders().getFirst("X-Conveyor-Timestamp"),
                    exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            exchange.sendResponseHeaders(path.endsWith("down") ? 503 : 204, -1);
            exchange.close();
        });
        server.start();
        http = new EgressHttpClient(EgressPolicy.allowing(List.of("127.0.0.1:" + server.getAddress().getPort())));
    }

    @AfterEach
    void stopReceiver() {
        server.stop(0);
        http.close();
    }

    @Test
    void postsASignedMinimalPayloadToEverySystem() {
        assertThat(SystemOfRecordClient.post(http, system("ehr", "/ehr", "ehr-secret"), PAYLOAD, NOW)).isEqualTo(SyncOutcome.success());
        assertThat(SystemOfRecordClient.post(http, system("billing", "/billing", "billing-secret"), PAYLOAD, NOW))
                .isEqualTo(SyncOutcome.success());
        Received ehr = received.get("/ehr");
        assertThat(ehr.method()).isEqualTo("POST");
        assertThat(ehr.contentType()).isEqualTo("application/json");
        assertThat(ehr.signature()).isEqualTo(SyncSignature.sign("ehr-secret", ehr.body()));
        assertThat(received.get("/billing").signature()).isEqualTo(SyncSignature.sign("billing-secret", ehr.body()));
        assertThat(ehr.timestamp()).isEqualTo("1772539200");
        assertThat(ehr.idempotencyKey()).isEqualTo("A-1-v2");
        assertThat(new String(ehr.body(), StandardCharsets.UTF_8)).isEqualTo("{\"appointmentId\":\"A-1\",\"requestId\":\"REQ-1\","
                + "\"patientId\":\"P-1\",\"version\":2,\"status\":\"RESCHEDULED\",\"clinicId\":\"downtown\","
                + "\"startsAt\":\"2026-03-05T14:30:00Z\",\"endsAt\":\"2026-03-05T15:00:00Z\"}");
    }

    @Test
    void reportsAnErrorStatusWithoutFailingTheOthers() {
        assertThat(SystemOfRecordClient.post(http, system("ehr", "/ehr", "s"), PAYLOAD, NOW)).isEqualTo(SyncOutcome.success());
        assertThat(SystemOfRecordClient.post(http, system("billing", "/billing-down", "s"), PAYLOAD, NOW))
                .isEqualTo(SyncOutcome.failed("HTTP 503"));
    }

    @Test
    void reportsAnUnreachableSystem() {
        SystemOfRecord unreachable = system("ehr", "/ehr", "s");
        server.stop(0);

        SyncOutcome outcome = SystemOfRecordClient.post(http, unreachable, PAYLOAD, NOW);

        // A category, not the exception's text (which would tell a tenant about the platform's network).
        assertThat(outcome).isEqualTo(SyncOutcome.failed("connection failed"));
    }

    @Test
    void doesNotPostToALoopbackPortTheOperatorDidNotAllow() {
        try (EgressHttpClient internetOnly = new EgressHttpClient(EgressPolicy.internetOnly())) {
            SyncOutcome outcome = SystemOfRecordClient.post(internetOnly, system("ehr", "/ehr", "s"), PAYLOAD, NOW);

            assertThat(outcome).isEqualTo(SyncOutcome.failed("refused by egress policy"));
        }
        assertThat(received).isEmpty();
    }

    private SystemOfRecord system(String name, String path, String secret) {
        return new SystemOfRecord(name, URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), secret);
    }

    private record Received(String method, String contentType, String signature, String timestamp, String idempotencyKey,
            byte[] body) {
    }
}
