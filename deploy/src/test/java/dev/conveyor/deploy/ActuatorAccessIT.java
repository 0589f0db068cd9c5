package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.server.ConveyorServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Without a separate management port, Prometheus' page and the backlog (which name tenants) are a platform admin's
 * only: anonymous callers get 401, a tenant's key 403; health probes stay anonymous.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class ActuatorAccessIT {

    private static final String TENANT = "acc-" + UUID.randomUUID().toString().substring(0, 8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenants[0].id", () -> TENANT);
        registry.add("conveyor.tenants[0].plugin", () -> "logistics");
        registry.add("conveyor.telemetry.backlog-poll-interval", () -> "500ms");
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void metricsAndBacklogAreAPlatformAdminsOnlyOnTheMainPort() throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/tenants/" + TENANT + "/api-keys", ServerUnderTest.ADMIN_KEY,
                "{\"name\": \"ops\", \"scope\": \"TENANT_ADMIN\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String tenantKey = JSON.readTree(created.body()).get("token").asString();
        for (String path : List.of("/actuator/prometheus", "/actuator/backlog", "/actuator/backlog/dispatch")) {
            assertThat(call("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            assertThat(call("GET", path, tenantKey, null).statusCode()).as(path).isEqualTo(403);
            assertThat(call("GET", path, ServerUnderTest.ADMIN_KEY, null).statusCode()).as(path).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(call("GET", "/actuator/prometheus",
                ServerUnderTest.ADMIN_KEY, null).body()).contains(
                "conveyor_queue_depth_messages{plugin=\"logistics\",stage=\"dispatch\",tenant=\"" + TENANT + "\"}"));
        assertThat(call("GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> call(String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:"
                + environment.getProperty("local.server.port") + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
