package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.server.ConveyorServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Metrics, backlog and traces as an operator's Prometheus, KEDA and trace backend see them, with the management
 * server on its own port (as the chart runs it): after a logistics order, Prometheus' page shows the engine's meters
 * with tenant, plugin and stage tags; the backlog endpoint sums a stage over tenants, one created through the API at
 * run time included; one trace holds the order's HTTP ingest and every stage's spans; and the main port gives none of
 * it to anonymous callers or tenant keys.
 */
@SpringBootTest(classes = {ConveyorServer.class, TelemetryIT.SpanCapture.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class TelemetryIT {

    private static final String TENANT = "obs-" + UUID.randomUUID().toString().substring(0, 8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenants[0].id", () -> TENANT);
        registry.add("conveyor.tenants[0].plugin", () -> "logistics");
        registry.add("management.server.port", () -> "0");
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
        registry.add("conveyor.telemetry.backlog-poll-interval", () -> "500ms");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SpanCapture {
        @Bean
        InMemorySpanExporter inMemorySpanExporter() {
            return InMemorySpanExporter.create();
        }
    }

    @Autowired
    Environment environment;

    @Autowired
    InMemorySpanExporter spans;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void oneOrdersTraceCoversIngestDispatchTrackingAndNotifyAndItsMetersAreScraped() throws Exception {
        String orderId = "ORD-OBS-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> accepted = call(mainPort(), "POST", "/api/v1/tenants/" + TENANT + "/orders",
                ServerUnderTest.ADMIN_KEY, order(orderId));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(call(mainPort(), "GET",
                "/api/v1/tenants/" + TENANT + "/orders/" + orderId, ServerUnderTest.ADMIN_KEY, null).body())
                .path("status").asString().equals("NOTIFIED"));

        SpanData send = await().atMost(Duration.ofSeconds(10)).until(() -> ofTenant("send OrderQueue").stream()
                .findFirst(), Optional::isPresent).orElseThrow();
        String traceId = send.getTraceId();
        assertThat(send.getKind()).isEqualTo(SpanKind.PRODUCER);
        // Up the parents (Spring's own spans may sit between), the trace starts at the HTTP request's server span.
        SpanData ancestor = send;
        while (ancestor.getParentSpanContext().isValid()) {
            String parentId = ancestor.getParentSpanId();
            ancestor = await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getSpanId().equals(parentId)).findFirst(), Optional::isPresent).orElseThrow();
            assertThat(ancestor.getTraceId()).isEqualTo(traceId);
        }
        assertThat(ancestor.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(ancestor.getName()).containsIgnoringCase("post");

        SpanData processDispatch = awaitSpan(traceId, "process dispatch");
        SpanData handleDispatch = awaitSpan(traceId, "handle dispatch");
        SpanData processTracking = awaitSpan(traceId, "process tracking");
        SpanData handleTracking = awaitSpan(traceId, "handle tracking");
        SpanData processNotify = awaitSpan(traceId, "process notify");
        SpanData handleNotify = awaitSpan(traceId, "handle notify");
        assertThat(processDispatch.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(processDispatch.getParentSpanId()).isEqualTo(send.getSpanId());
        assertThat(processDispatch.getLinks()).anySatisfy(link ->
                assertThat(link.getSpanContext().getSpanId()).isEqualTo(send.getSpanId()));
        assertThat(handleDispatch.getParentSpanId()).isEqualTo(processDispatch.getSpanId());
        assertThat(processTracking.getParentSpanId()).isEqualTo(handleDispatch.getSpanId());
        assertThat(handleTracking.getParentSpanId()).isEqualTo(processTracking.getSpanId());
        assertThat(processNotify.getParentSpanId()).isEqualTo(handleTracking.getSpanId());
        assertThat(handleNotify.getParentSpanId()).isEqualTo(processNotify.getSpanId());
        assertThat(awaitSpan(traceId, "publish dispatch").getParentSpanId()).isEqualTo(processDispatch.getSpanId());

        String tags = "plugin=\"logistics\",stage=\"dispatch\",tenant=\"" + TENANT + "\"";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String page = scrape();
            assertThat(page).contains("conveyor_messages_received_total{" + tags + "}")
                    .contains("conveyor_messages_processed_total{" + tags + "} 1.0")
                    .contains("conveyor_handler_duration_seconds_bucket{" + tags)
                    .contains("conveyor_messages_latency_seconds_count{" + tags + "} 1")
                    .contains("conveyor_messages_processed_total{plugin=\"logistics\",stage=\"notify\",tenant=\"" + TENANT + "\"} 1.0")
                    .contains("conveyor_queue_depth_messages{" + tags + "}")
                    .contains("conveyor_queue_oldest_age_seconds{" + tags + "}")
                    .contains("conveyor_ingest_requests_total{status=\"202\",tenant=\"" + TENANT + "\"}")
                    .contains("conveyor_notification_deliveries_total{");
        });
    }

    @Test
    void backlogSumsEachStageOverTenantsIncludingOneCreatedAtRunTime() throws Exception {
        String tenant = "obs-rt-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = call(mainPort(), "POST", "/api/v1/tenants", ServerUnderTest.ADMIN_KEY,
                "{\"id\": \"" + tenant + "\", \"plugin\": \"logistics\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> topology = call(mainPort(), "GET", "/api/v1/tenants/" + tenant + "/topology",
                ServerUnderTest.ADMIN_KEY, null);
        String etag = topology.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> disabled = http.send(HttpRequest.newBuilder(uri(mainPort(),
                        "/api/v1/tenants/" + tenant + "/topology/stages/dispatch"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json").header("If-Match", etag)
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"enabled\": false}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> accepted = call(mainPort(), "POST", "/api/v1/tenants/" + tenant + "/orders",
                    ServerUnderTest.ADMIN_KEY, order("ORD-BL-" + i));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode dispatch = JSON.readTree(call(managementPort(), "GET", "/actuator/backlog/dispatch", null, null).body());
            assertThat(dispatch.get("stage").asString()).isEqualTo("dispatch");
            assertThat(dispatch.get("messages").asLong()).isGreaterThanOrEqualTo(3);
            assertThat(dispatch.get("oldestMessageAgeSeconds").asDouble()).isPositive();
            assertThat(scrape()).contains("conveyor_queue_depth_messages{plugin=\"logistics\",stage=\"dispatch\",tenant=\""
                    + tenant + "\"} 3.0");
        });
        JsonNode all = JSON.readTree(call(managementPort(), "GET", "/actuator/backlog", null, null).body());
        assertThat(all.get("stages").valueStream().map(stage -> stage.get("stage").asString()))
                .contains("dispatch", "tracking", "notify");
        JsonNode unknown = JSON.readTree(call(managementPort(), "GET", "/actuator/backlog/no-such-stage", null, null).body());
        assertThat(unknown.get("messages").asLong()).isZero();
    }

    @Test
    void onTheMainPortNeitherAnonymousCallersNorTenantKeysReadMetricsOrBacklog() throws Exception {
        String tenantKey = tenantKey();
        for (String path : List.of("/actuator/prometheus", "/actuator/backlog", "/actuator/backlog/dispatch")) {
            assertThat(call(mainPort(), "GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(call(mainPort(), "GET", path, tenantKey, null).statusCode()).as(path).isEqualTo(403);
            assertThat(call(managementPort(), "GET", path, null, null).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(call(managementPort(), "GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        assertThat(call(managementPort(), "GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    }

    private String tenantKey() throws IOException, InterruptedException {
        HttpResponse<String> response = call(mainPort(), "POST", "/api/v1/tenants/" + TENANT + "/api-keys",
                ServerUnderTest.ADMIN_KEY, "{\"name\": \"ops\", \"scope\": \"TENANT_ADMIN\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("token").asString();
    }

    private List<SpanData> ofTenant(String name) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getName().equals(name))
                .filter(span -> TENANT.equals(span.getAttributes().get(
                        io.opentelemetry.api.common.AttributeKey.stringKey("conveyor.tenant"))))
                .toList();
    }

    private SpanData awaitSpan(String traceId, String name) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId) && span.getName().equals(name)).findFirst(),
                Optional::isPresent).orElseThrow();
    }

    private String scrape() throws IOException, InterruptedException {
        HttpResponse<String> page = call(managementPort(), "GET", "/actuator/prometheus", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private int mainPort() {
        return Integer.parseInt(environment.getProperty("local.server.port"));
    }

    private int managementPort() {
        return Integer.parseInt(environment.getProperty("local.management.port"));
    }

    private URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> call(int port, String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(port, path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String order(String orderId) {
        return """
                {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                 "items": [{"sku": "SKU-KB-104", "description": "Keyboard", "quantity": 2, "weightKg": 1.2}],
                 "shipping": {"address": {"line1": "1 Harbour Rd", "city": "Somewhere", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "EXPRESS", "signatureRequired": false}}""".formatted(orderId);
    }
}
