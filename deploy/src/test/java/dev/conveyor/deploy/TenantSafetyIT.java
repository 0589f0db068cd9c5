package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.server.ConveyorServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenant safety over HTTP on real Postgres and Azurite (issue 10, items 8, 13, 15, 16): API-key checks cost no
 * database work for made-up tokens, keys expire, routes have the scopes their plugins declare, and a deleted tenant
 * is gone for its keys and for platform admins alike. The abuse cases are a table: one row per attack, with its
 * bounded outcome (the README's reliability section lists them).
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class TenantSafetyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = ServerUnderTest.ADMIN_KEY;
    private static final SecureRandom RANDOM = new SecureRandom();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
    }

    @Autowired
    Environment environment;

    @Autowired
    ConveyorEngine engine;

    private final HttpClient http = HttpClient.newHttpClient();

    /** One attack and the status that bounds it. */
    record Case(String attack, String boundedOutcome, int expectedStatus, Attempt attempt) {
    }

    @FunctionalInterface
    interface Attempt {
        HttpResponse<String> run() throws Exception;
    }

    @Test
    void abuseCasesOfKeysScopesAndDeletedTenantsEndInTheirBoundedOutcome() throws Exception {
        String shop = createTenant();
        String shopIngest = createKey(shop, "TENANT_INGEST", null);
        String carrier = createKey(shop, "TENANT_OPERATIONS", null);
        String gone = createTenant();
        String goneReader = createKey(gone, "TENANT_READ", null);
        String goneAdmin = createKey(gone, "TENANT_ADMIN", null);
        assertThat(call("GET", "/api/v1/tenants/" + gone + "/dead-letters", goneReader, null).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/tenants/" + gone + "?force=true", ADMIN, null).statusCode()).isEqualTo(204);

        List<Case> cases = List.of(
                new Case("a shop's ingest key posts a carrier scan", "403, nothing enqueued", 403,
                        () -> call("POST", "/api/v1/tenants/" + shop + "/tracking-events", shopIngest, scan())),
                new Case("a carrier's operations key posts an order", "403, nothing enqueued", 403,
                        () -> call("POST", "/api/v1/tenants/" + shop + "/orders", carrier, order("ORD-OPS"))),
                new Case("a shop's ingest key creates a key of its own", "403", 403,
                        () -> call("POST", "/api/v1/tenants/" + shop + "/api-keys", shopIngest,
                                "{\"name\": \"x\", \"scope\": \"TENANT_OPERATIONS\"}")),
                new Case("a deleted tenant's read key reads its dead letters", "401 at once", 401,
                        () -> call("GET", "/api/v1/tenants/" + gone + "/dead-letters", goneReader, null)),
                new Case("a deleted tenant's admin key sends a message", "401 at once", 401,
                        () -> call("POST", "/api/v1/tenants/" + gone + "/orders", goneAdmin, order("ORD-GONE"))),
                new Case("a platform admin reads a deleted tenant's dead letters", "404", 404,
                        () -> call("GET", "/api/v1/tenants/" + gone + "/dead-letters", ADMIN, null)),
                new Case("a platform admin sends to a deleted tenant", "404", 404,
                        () -> call("POST", "/api/v1/tenants/" + gone + "/orders", ADMIN, order("ORD-GONE"))),
                new Case("a platform admin deletes a deleted tenant again", "404", 404,
                        () -> call("DELETE", "/api/v1/tenants/" + gone, ADMIN, null)),
                new Case("a key is created already expired", "400 naming expiresAt", 400,
                        () -> call("POST", "/api/v1/tenants/" + shop + "/api-keys", ADMIN,
                                "{\"name\": \"x\", \"scope\": \"TENANT_READ\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}")),
                new Case("a made-up token", "401, no key row read", 401,
                        () -> call("GET", "/api/v1/tenants/" + shop, madeUpToken(), null)));

        SoftAssertions softly = new SoftAssertions();
        for (Case row : cases) {
            HttpResponse<String> response = row.attempt().run();
            softly.assertThat(response.statusCode()).as(row.attack() + " -> " + row.boundedOutcome() + ": " + response.body())
                    .isEqualTo(row.expectedStatus());
        }
        softly.assertAll();
        // what the same keys may do
        assertThat(call("POST", "/api/v1/tenants/" + shop + "/orders", shopIngest, order("ORD-SHOP")).statusCode()).isEqualTo(202);
        assertThat(call("POST", "/api/v1/tenants/" + shop + "/tracking-events", carrier, scan()).statusCode()).isEqualTo(202);
        assertThat(call("POST", "/api/v1/tenants/" + shop + "/tracking-events", ADMIN, scan()).statusCode()).isEqualTo(202);
    }

    @Test
    void aFloodOfMadeUpTokensIsRefusedWithoutReadingAKeyRow() throws Exception {
        String tenant = createTenant();
        assertThat(call("GET", "/api/v1/tenants/" + tenant, ADMIN, null).statusCode()).isEqualTo(200);
        long lookups = engine.apiKeys().keyLookups();
        long started = System.nanoTime();

        for (int i = 0; i < 300; i++) {
            assertThat(call("GET", "/api/v1/tenants/" + tenant, madeUpToken(), null).statusCode()).isEqualTo(401);
        }

        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        assertThat(engine.apiKeys().keyLookups() - lookups).as("key rows read in %d s", seconds)
                .isLessThanOrEqualTo(seconds / 5 + 1);
    }

    @Test
    void aKeyWithAnExpiryShowsItAndIsRefusedAfterIt() throws Exception {
        String tenant = createTenant();
        Instant expiresAt = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String key = createKey(tenant, "TENANT_READ", expiresAt);

        assertThat(call("GET", "/api/v1/tenants/" + tenant, key, null).statusCode()).isEqualTo(200);
        JsonNode listed = JSON.readTree(call("GET", "/api/v1/tenants/" + tenant + "/api-keys", ADMIN, null).body());
        assertThat(Instant.parse(listed.get(0).get("expiresAt").asString())).isEqualTo(expiresAt);
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", "/api/v1/tenants/" + tenant, key, null).statusCode() == 401);
    }

    @Test
    void pluginsDeclareWhichKeysMayCallEachRoute() throws Exception {
        JsonNode plugins = JSON.readTree(call("GET", "/api/v1/plugins", ADMIN, null).body());

        assertThat(route(plugins, "logistics", "tracking-events").get("access").asString()).isEqualTo("OPERATIONS");
        assertThat(route(plugins, "logistics", "tracking-events").get("scopes").toString())
                .isEqualTo("[\"TENANT_ADMIN\",\"TENANT_OPERATIONS\"]");
        assertThat(route(plugins, "logistics", "orders").get("access").asString()).isEqualTo("INGEST");
        assertThat(route(plugins, "ecommerce", "tracking-events").get("access").asString()).isEqualTo("OPERATIONS");
        assertThat(route(plugins, "ecommerce", "stock").get("access").asString()).isEqualTo("ADMIN");
        assertThat(route(plugins, "healthcare", "appointment-changes").get("access").asString()).isEqualTo("OPERATIONS");
        assertThat(route(plugins, "healthcare", "appointments").get("access").asString()).isEqualTo("INGEST");
    }

    @Test
    void aTenantIsErasedOnRequest() throws Exception {
        String tenant = createTenant();
        assertThat(call("POST", "/api/v1/tenants/" + tenant + "/orders", ADMIN, order("ORD-ERASE")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                call("GET", "/api/v1/tenants/" + tenant + "/orders/ORD-ERASE", ADMIN, null).statusCode() == 200);

        assertThat(call("DELETE", "/api/v1/tenants/" + tenant + "?force=true&erase=true", ADMIN, null).statusCode()).isEqualTo(204);

        long orders = engine.database().inPlatformTransaction(entityManager -> ((Number) entityManager.createNativeQuery(
                "select count(*) from logistics_order where tenant_id = ?1").setParameter(1, tenant).getSingleResult()).longValue());
        assertThat(orders).isZero();
        assertThat(call("GET", "/api/v1/tenants/" + tenant, ADMIN, null).statusCode()).isEqualTo(404);
    }

    private static JsonNode route(JsonNode plugins, String plugin, String resource) {
        for (JsonNode candidate : plugins) {
            if (candidate.get("id").asString().equals(plugin)) {
                for (JsonNode route : candidate.get("routes")) {
                    if (route.get("resource").asString().equals(resource)) {
                        return route;
                    }
                }
            }
        }
        throw new AssertionError("no route " + plugin + "/" + resource + " in " + plugins);
    }

    private String createTenant() throws IOException, InterruptedException {
        String id = "safe-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = call("POST", "/api/v1/tenants", ADMIN, "{\"id\": \"" + id + "\", \"plugin\": \"logistics\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return id;
    }

    private String createKey(String tenant, String scope, Instant expiresAt) throws IOException, InterruptedException {
        HttpResponse<String> response = call("POST", "/api/v1/tenants/" + tenant + "/api-keys", ADMIN,
                "{\"name\": \"" + scope.toLowerCase() + "\", \"scope\": \"" + scope + "\""
                        + (expiresAt == null ? "" : ", \"expiresAt\": \"" + expiresAt + "\"") + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("token").asString();
    }

    private static String madeUpToken() {
        byte[] id = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return "cvk_" + HexFormat.of().formatHex(id) + "_" + HexFormat.of().formatHex(secret);
    }

    private static String scan() {
        return """
                {"trackingNumber": "CV100000003US", "scanId": "scan-1", "status": "IN_TRANSIT",
                 "occurredAt": "2026-01-01T10:00:00Z", "location": "Newark, NJ"}""";
    }

    private static String order(String orderId) {
        return """
                {"orderId": "%s", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "items": [{"sku": "SKU-1", "description": "Book", "quantity": 1, "weightKg": 0.5}],
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "STANDARD"}}""".formatted(orderId);
    }

    private HttpResponse<String> call(String method, String path, String key, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
