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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin API over HTTP on real Postgres and Azurite: plugins, tenants, topology overrides, API keys, and the
 * isolation between tenants' keys. Each test makes tenants of its own.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class AdminApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = ServerUnderTest.ADMIN_KEY;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pluginsAreListedWithTheirTopologyMessageTypesAndSettings() throws Exception {
        HttpResponse<String> response = call("GET", "/api/v1/plugins", ADMIN, null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode logistics = find(JSON.readTree(response.body()), "id", "logistics");
        assertThat(logistics.get("stages")).hasSize(3);
        assertThat(logistics.get("queues").get(0).get("name").asString()).isEqualTo("OrderQueue");
        assertThat(logistics.get("messageTypes").toString()).contains("logistics.order.v1");
        assertThat(call("GET", "/api/v1/plugins/logistics", ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/plugins/astrology", ADMIN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aTenantIsCreatedIdempotentlyReadListedUpdatedWithIfMatchSuspendedResumedAndDeleted() throws Exception {
        String id = tenantId();
        String body = "{\"id\": \"" + id + "\", \"displayName\": \"Test Freight\", \"plugin\": \"logistics\"}";

        HttpResponse<String> created = call("POST", "/api/v1/tenants", ADMIN, body);
        HttpResponse<String> again = call("POST", "/api/v1/tenants", ADMIN, body);
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/tenants/" + id);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(created.body()).get("status").asString()).isEqualTo("ACTIVE");

        HttpResponse<String> read = call("GET", "/api/v1/tenants/" + id, ADMIN, null);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        assertThat(JSON.readTree(read.body()).get("displayName").asString()).isEqualTo("Test Freight");

        HttpResponse<String> list = call("GET", "/api/v1/tenants?page=0&size=200", ADMIN, null);
        assertThat(list.body()).contains("\"" + id + "\"");
        assertThat(JSON.readTree(list.body()).get("total").asLong()).isPositive();

        String patch = "{\"displayName\": \"Test Freight Ltd\"}";
        assertThat(call("PATCH", "/api/v1/tenants/" + id, ADMIN, patch).statusCode()).isEqualTo(428);
        HttpResponse<String> updated = call("PATCH", "/api/v1/tenants/" + id, ADMIN, patch, "If-Match", etag);
        assertThat(updated.statusCode()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).isNotEqualTo(etag);
        HttpResponse<String> stale = call("PATCH", "/api/v1/tenants/" + id, ADMIN, patch, "If-Match", etag);
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.body()).contains("read it again");

        assertThat(call("POST", "/api/v1/tenants/" + id + "/suspend", ADMIN, null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = call("POST", "/api/v1/tenants/" + id + "/orders", ADMIN, order("ORD-S1"));
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("is suspended");
        assertThat(call("POST", "/api/v1/tenants/" + id + "/resume", ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/tenants/" + id + "/orders", ADMIN, order("ORD-S2")).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/tenants/" + id + "/orders/ORD-S2", ADMIN, null)
                .body().contains("\"final\":true"));
        assertThat(call("DELETE", "/api/v1/tenants/" + id, ADMIN, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/tenants/" + id, ADMIN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void badTenantRequestsAreClientErrorsThatNameTheField() throws Exception {
        HttpResponse<String> badId = call("POST", "/api/v1/tenants", ADMIN, "{\"id\": \"Bad_Id\", \"plugin\": \"logistics\"}");
        HttpResponse<String> badPlugin = call("POST", "/api/v1/tenants", ADMIN, "{\"id\": \"" + tenantId() + "\", \"plugin\": \"astrology\"}");
        HttpResponse<String> unknownField = call("POST", "/api/v1/tenants", ADMIN,
                "{\"id\": \"" + tenantId() + "\", \"plugin\": \"logistics\", \"colour\": \"red\"}");
        HttpResponse<String> badConfig = call("POST", "/api/v1/tenants", ADMIN,
                "{\"id\": \"" + tenantId() + "\", \"plugin\": \"logistics\", \"config\": {\"colour\": \"red\"}}");

        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("\"field\":\"id\"");
        assertThat(badPlugin.statusCode()).isEqualTo(400);
        assertThat(badPlugin.body()).contains("no plugin 'astrology' is installed");
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("colour");
        assertThat(badConfig.statusCode()).isEqualTo(400);
        assertThat(badConfig.body()).contains("config.colour");
        assertThat(badConfig.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aDeleteIsRefusedWhileMessagesAreInFlightUnlessForced() throws Exception {
        String id = createTenant();
        String etag = call("GET", "/api/v1/tenants/" + id + "/topology", ADMIN, null).headers().firstValue("ETag").orElseThrow();
        assertThat(call("PATCH", "/api/v1/tenants/" + id + "/topology/stages/dispatch", ADMIN, "{\"enabled\": false}",
                "If-Match", etag).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/tenants/" + id + "/orders", ADMIN, order("ORD-D1")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> stage(id, "dispatch").get("approximateDepth").asLong() == 1);

        HttpResponse<String> refused = call("DELETE", "/api/v1/tenants/" + id, ADMIN, null);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("messages in flight");
        assertThat(call("DELETE", "/api/v1/tenants/" + id + "?force=true", ADMIN, null).statusCode()).isEqualTo(204);
    }

    @Test
    void aStageOverrideIsValidatedVersionedAuditedAndShownInTheEffectiveTopology() throws Exception {
        String id = createTenant();
        HttpResponse<String> topology = call("GET", "/api/v1/tenants/" + id + "/topology", ADMIN, null);
        String etag = topology.headers().firstValue("ETag").orElseThrow();
        JsonNode dispatch = stage(id, "dispatch");
        assertThat(dispatch.get("queue").asString()).isEqualTo(id + "-order-queue");
        assertThat(dispatch.get("poisonQueue").asString()).isEqualTo(id + "-order-queue-poison");

        HttpResponse<String> outOfRange = call("PATCH", "/api/v1/tenants/" + id + "/topology/stages/dispatch", ADMIN,
                "{\"batchSize\": 64}", "If-Match", etag);
        HttpResponse<String> unknownStage = call("PATCH", "/api/v1/tenants/" + id + "/topology/stages/dispach", ADMIN,
                "{\"concurrency\": 2}", "If-Match", etag);
        HttpResponse<String> changed = call("PATCH", "/api/v1/tenants/" + id + "/topology/stages/dispatch", ADMIN,
                "{\"concurrency\": 4, \"lease\": \"PT45S\", \"maxDeliveries\": 7}", "If-Match", etag);
        HttpResponse<String> stale = call("PATCH", "/api/v1/tenants/" + id + "/topology/stages/dispatch", ADMIN,
                "{\"concurrency\": 5}", "If-Match", etag);

        assertThat(outOfRange.statusCode()).isEqualTo(400);
        assertThat(outOfRange.body()).contains("batchSize must be 1..32");
        assertThat(unknownStage.statusCode()).isEqualTo(404);
        assertThat(unknownStage.body()).contains("has no stage 'dispach' (stages: dispatch, tracking, notify)");
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(stale.statusCode()).isEqualTo(412);
        JsonNode settings = stage(id, "dispatch").get("settings");
        assertThat(settings.get("concurrency").asInt()).isEqualTo(4);
        assertThat(settings.get("maxDeliveries").asInt()).isEqualTo(7);
        JsonNode audit = JSON.readTree(call("GET", "/api/v1/tenants/" + id + "/topology/audit", ADMIN, null).body());
        assertThat(audit).hasSize(1);
        assertThat(audit.get(0).get("actor").asString()).startsWith("key:000000000001");
        assertThat(audit.get(0).get("after").get("dispatch").get("concurrency").asInt()).isEqualTo(4);
    }

    @Test
    void aTenantsKeysReachOnlyItsOwnTenantAndOnlyWhatTheirScopeAllows() throws Exception {
        String a = createTenant();
        String b = createTenant();
        String adminA = createKey(a, "TENANT_ADMIN");
        String ingestA = createKey(a, "TENANT_INGEST");
        String readA = createKey(a, "TENANT_READ");
        assertThat(call("POST", "/api/v1/tenants/" + b + "/orders", ADMIN, order("ORD-B1")).statusCode()).isEqualTo(202);

        // another tenant's resources do not exist for A's keys
        assertThat(call("GET", "/api/v1/tenants/" + b, adminA, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/tenants/" + b + "/orders/ORD-B1", adminA, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/tenants/" + b + "/orders", ingestA, order("ORD-X")).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/tenants/" + b + "/topology", readA, null).statusCode()).isEqualTo(404);
        // platform endpoints are for platform admins
        assertThat(call("GET", "/api/v1/tenants", adminA, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/tenants", adminA, "{\"id\": \"" + tenantId() + "\", \"plugin\": \"logistics\"}")
                .statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/tenants/" + a + "/suspend", adminA, null).statusCode()).isEqualTo(403);
        // scopes within the own tenant
        assertThat(call("POST", "/api/v1/tenants/" + a + "/orders", ingestA, order("ORD-A1")).statusCode()).isEqualTo(202);
        assertThat(call("GET", "/api/v1/tenants/" + a + "/topology", ingestA, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/tenants/" + a + "/orders", readA, order("ORD-A2")).statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/tenants/" + a, readA, null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/tenants/" + a + "/api-keys", readA, "{\"name\": \"x\", \"scope\": \"TENANT_ADMIN\"}")
                .statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/tenants/" + a + "/api-keys", adminA, null).statusCode()).isEqualTo(200);
    }

    @Test
    void keysAreShownOnceListedWithoutSecretsAndRevokedForGood() throws Exception {
        String id = createTenant();
        HttpResponse<String> created = call("POST", "/api/v1/tenants/" + id + "/api-keys", ADMIN,
                "{\"name\": \"shop frontend\", \"scope\": \"TENANT_INGEST\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode key = JSON.readTree(created.body());
        String token = key.get("token").asString();
        assertThat(token).startsWith("cvk_" + key.get("id").asString() + "_");

        HttpResponse<String> list = call("GET", "/api/v1/tenants/" + id + "/api-keys", ADMIN, null);
        assertThat(list.body()).contains("shop frontend").doesNotContain(token.substring(17)).doesNotContain("\"token\"");
        assertThat(call("POST", "/api/v1/tenants/" + id + "/orders", token, order("ORD-K1")).statusCode()).isEqualTo(202);

        assertThat(call("DELETE", "/api/v1/tenants/" + id + "/api-keys/" + key.get("id").asString(), ADMIN, null)
                .statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = call("POST", "/api/v1/tenants/" + id + "/orders", token, order("ORD-K2"));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).contains("unknown or revoked");
        assertThat(call("POST", "/api/v1/tenants/" + id + "/api-keys", ADMIN, "{\"name\": \"x\", \"scope\": \"PLATFORM_ADMIN\"}")
                .statusCode()).isEqualTo(400);
    }

    @Test
    void everyEndpointButHealthAndTheApiDocsNeedsAKey() throws Exception {
        assertThat(call("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/v3/api-docs", null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/v3/api-docs", null, null).body()).contains("/api/v1/tenants");
        HttpResponse<String> anonymous = call("GET", "/api/v1/plugins", null, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(call("GET", "/api/v1/plugins", "cvk_ffffffffffff_" + "00".repeat(32), null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/plugins", "not-a-key", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/api/v1/nothing-here", ADMIN, null).statusCode()).isEqualTo(404);
    }

    @Test
    void parkedOutboxMessagesAreListedWithTheirCategoryAndRetriedByTheTenantsAdminOnly() throws Exception {
        String tenant = createTenant();
        String other = createTenant();
        dev.conveyor.services.Sql.asOwner().execute("""
                insert into outbox (id, tenant_id, queue_name, message_id, body, attempts, last_error, parked_at,
                                    next_attempt_at)
                values ('%s', '%s', '%s-nowhere', 'parked-1', '{}', 8, 'HTTP 404', now(), now())"""
                .formatted(UUID.randomUUID(), tenant, tenant));
        String read = createKey(tenant, "TENANT_READ");
        String admin = createKey(tenant, "TENANT_ADMIN");

        HttpResponse<String> listed = call("GET", "/api/v1/tenants/" + tenant + "/outbox/parked", read, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(listed.body())).singleElement().satisfies(row -> {
            assertThat(row.get("messageId").asString()).isEqualTo("parked-1");
            assertThat(row.get("lastError").asString()).isEqualTo("HTTP 404");
            assertThat(row.get("attempts").asInt()).isEqualTo(8);
        });
        assertThat(call("GET", "/api/v1/tenants/" + other + "/outbox/parked", read, null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(call("GET", "/api/v1/tenants/" + other + "/outbox/parked", ADMIN, null).body())).isEmpty();
        assertThat(call("POST", "/api/v1/tenants/" + tenant + "/outbox/parked/retry", read, null).statusCode())
                .isEqualTo(403);

        HttpResponse<String> retried = call("POST", "/api/v1/tenants/" + tenant + "/outbox/parked/retry", admin, null);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(retried.body()).get("retried").asInt()).isEqualTo(1);
        assertThat(JSON.readTree(call("GET", "/api/v1/tenants/" + tenant + "/outbox/parked", read, null).body())).isEmpty();
    }

    private String createTenant() throws IOException, InterruptedException {
        String id = tenantId();
        HttpResponse<String> response = call("POST", "/api/v1/tenants", ADMIN,
                "{\"id\": \"" + id + "\", \"plugin\": \"logistics\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private String createKey(String tenant, String scope) throws IOException, InterruptedException {
        HttpResponse<String> response = call("POST", "/api/v1/tenants/" + tenant + "/api-keys", ADMIN,
                "{\"name\": \"" + scope.toLowerCase() + "\", \"scope\": \"" + scope + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("token").asString();
    }

    private JsonNode stage(String tenant, String name) throws IOException, InterruptedException {
        return find(JSON.readTree(call("GET", "/api/v1/tenants/" + tenant + "/topology", ADMIN, null).body()).get("stages"),
                "name", name);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        List<JsonNode> matches = new ArrayList<>();
        array.forEach(node -> {
            if (value.equals(node.get(field).asString())) {
                matches.add(node);
            }
        });
        assertThat(matches).as(field + "=" + value + " in " + array).hasSize(1);
        return matches.getFirst();
    }

    private static String tenantId() {
        return "adm-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String order(String orderId) {
        return """
                {"orderId": "%s", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "items": [{"sku": "SKU-1", "description": "Book", "quantity": 1, "weightKg": 0.5}],
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "STANDARD"}}""".formatted(orderId);
    }

    private HttpResponse<String> call(String method, String path, String key, String body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
