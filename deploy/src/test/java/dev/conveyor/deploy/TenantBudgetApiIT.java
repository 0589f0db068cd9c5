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
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's per-tenant budgets and stage caps through the API, one row per case (the README's reliability table
 * lists the same): ingest beyond a tenant's rate is refused with 429, Retry-After and a problem, without touching
 * another tenant's ingest; a tenant admin's PATCH above a cap is refused with 400 naming the field, cap and fix.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class TenantBudgetApiIT {

    private static final String LIMITED = "budget-a";
    private static final String NEIGHBOUR = "budget-b";
    private static final String CAPPED = "budget-caps";
    private static final String ADMIN = ServerUnderTest.ADMIN_KEY;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenant-budget.ingest-per-second", () -> "1");
        registry.add("conveyor.tenant-budget.ingest-burst", () -> "3");
        registry.add("conveyor.tenant-budget.max-concurrency", () -> "8");
        registry.add("conveyor.stage-caps.batch-size", () -> "16");
        String[] tenants = {LIMITED, NEIGHBOUR, CAPPED};
        for (int i = 0; i < tenants.length; i++) {
            String tenant = tenants[i];
            registry.add("conveyor.tenants[" + i + "].id", () -> tenant);
            registry.add("conveyor.tenants[" + i + "].plugin", () -> "logistics");
        }
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void ingestBeyondTheRateIsRefusedWith429AndRetryAfterWhileAnotherTenantsIngestIsUnaffected() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            assertThat(postOrder(LIMITED, "BURST-" + run + "-" + i).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> limited = postOrder(LIMITED, "OVER-" + run);
        HttpResponse<String> neighbour = postOrder(NEIGHBOUR, "STEADY-" + run);

        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
        assertThat(limited.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(limited.body());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("detail").asString()).contains("tenant '" + LIMITED + "'", "ingest budget of 1 messages per second",
                "conveyor.tenant-budget.ingest-per-second");
        assertThat(neighbour.statusCode()).as(neighbour.body()).isEqualTo(202);
        // the bucket refills: after Retry-After the same request is taken
        await().pollInterval(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> postOrder(LIMITED, "OVER-" + run).statusCode() == 202);
    }

    /** case (field), PATCH body, text of the cap in the violation. */
    static Stream<Arguments> capCases() {
        return Stream.of(
                Arguments.of("concurrency", "{\"concurrency\": 9}", "budget of 8 handlers in flight (conveyor.tenant-budget.max-concurrency)"),
                Arguments.of("batchSize", "{\"batchSize\": 17}", "cap of 16 (conveyor.stage-caps.batch-size)"),
                Arguments.of("lease", "{\"lease\": \"PT11M\"}", "cap of PT10M (conveyor.stage-caps.lease)"),
                Arguments.of("maxDeliveries", "{\"maxDeliveries\": 21}", "cap of 20 (conveyor.stage-caps.max-deliveries)"),
                Arguments.of("retryBackoff", "{\"retryBackoff\": \"PT11M\", \"maxRetryBackoff\": \"PT30M\"}",
                        "cap of PT10M (conveyor.stage-caps.retry-backoff)"),
                Arguments.of("maxRetryBackoff", "{\"maxRetryBackoff\": \"PT2H\"}", "cap of PT1H (conveyor.stage-caps.max-retry-backoff)"),
                Arguments.of("maxIdlePoll", "{\"maxIdlePoll\": \"PT2M\"}", "cap of PT1M (conveyor.stage-caps.max-idle-poll)"));
    }

    @ParameterizedTest(name = "PATCH above the {0} cap")
    @MethodSource("capCases")
    void aStageOverrideAboveAnOperatorCapIsRefusedNamingTheFieldTheCapAndTheFix(String field, String body, String cap)
            throws Exception {
        HttpResponse<String> refused = patchDispatch(body);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode violation = JSON.readTree(refused.body()).get("violations").get(0);
        assertThat(violation.get("field").asString()).isEqualTo(field);
        assertThat(violation.get("message").asString()).contains(cap, "set at most", "ask the operator");
    }

    @Test
    void aStageOverrideAtTheCapsIsApplied() throws Exception {
        HttpResponse<String> applied = patchDispatch("{\"concurrency\": 8, \"batchSize\": 16, \"lease\": \"PT10M\","
                + " \"maxDeliveries\": 20, \"maxRetryBackoff\": \"PT1H\", \"maxIdlePoll\": \"PT1M\"}");

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    }

    private HttpResponse<String> patchDispatch(String body) throws IOException, InterruptedException {
        String etag = call("GET", "/api/v1/tenants/" + CAPPED + "/topology", null).headers().firstValue("ETag").orElseThrow();
        return call("PATCH", "/api/v1/tenants/" + CAPPED + "/topology/stages/dispatch", body, "If-Match", etag);
    }

    private HttpResponse<String> postOrder(String tenant, String orderId) throws IOException, InterruptedException {
        return call("POST", "/api/v1/tenants/" + tenant + "/orders", """
                {"orderId": "%s", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "items": [{"sku": "SKU-1", "description": "Book", "quantity": 1, "weightKg": 0.5}],
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "STANDARD"}}""".formatted(orderId));
    }

    private HttpResponse<String> call(String method, String path, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + ADMIN);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
