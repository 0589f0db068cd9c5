package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import com.svix.Webhook;
import com.svix.exceptions.WebhookVerificationException;
import dev.conveyor.server.ConveyorServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks end to end on real Postgres and Azurite: the logistics plugin's dispatch stage publishes order events, the
 * server delivers them signed (Standard Webhooks) to a local HTTP receiver through the egress client, retries on the
 * configured schedule (shortened here, the shape of Svix's), honours 429, timeouts and Retry-After, stops at 410 and
 * after failing too long, replays and recovers; and the tenant API behind it validates its input and keeps tenants
 * apart.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class WebhooksIT {

    /** The order's own events: counts stay exact whatever else the pipeline publishes (the shipment's status). */
    private static final List<String> ORDER_EVENTS = List.of("order.dispatched", "order.rejected");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = ServerUnderTest.ADMIN_KEY;
    private static Receiver receiver;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws IOException {
        ServerUnderTest.register(registry);
        receiver = new Receiver();
        registry.add("conveyor.egress.allow", () -> "127.0.0.1:" + receiver.port());
        registry.add("conveyor.webhooks.retry-delays", () -> "100ms,200ms,300ms,400ms,500ms,500ms,500ms");
        registry.add("conveyor.webhooks.throttled-minimum", () -> "500ms");
        registry.add("conveyor.webhooks.disable-after", () -> "4s");
        registry.add("conveyor.webhooks.poll-interval", () -> "100ms");
        registry.add("conveyor.webhooks.request-timeout", () -> "2s");
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eventsAreDeliveredSignedToEachEndpointSubscribedToTheirType() throws Exception {
        String tenant = createTenant();
        String admin = createKey(tenant, "TENANT_ADMIN");
        JsonNode all = createEndpoint(tenant, admin, "all", null);
        JsonNode rejectedOnly = createEndpoint(tenant, admin, "rejected", List.of("order.rejected"));
        assertThat(all.get("secret").asString()).startsWith("whsec_");

        ingest(tenant, order("ORD-W1", "US", "02118"));
        ingest(tenant, order("ORD-W2", "AQ", "12345"));

        // No filter: every type the plugin publishes, the shipment's status included.
        await().atMost(Duration.ofSeconds(30)).until(() -> types("all").containsAll(List.of("order.dispatched",
                "order.rejected", "shipment.status-changed")) && receiver.received("rejected").size() == 1);
        for (Delivery delivery : receiver.received("all")) {
            assertThat(verifies(all.get("secret").asString(), delivery)).as(delivery.toString()).isTrue();
        }
        Delivery rejected = receiver.received("rejected").getFirst();
        assertThat(verifies(rejectedOnly.get("secret").asString(), rejected)).isTrue();
        assertThat(verifies(all.get("secret").asString(), rejected)).as("another endpoint's secret").isFalse();
        JsonNode body = JSON.readTree(rejected.body());
        assertThat(body.get("type").asString()).isEqualTo("order.rejected");
        assertThat(body.get("data").get("orderId").asString()).isEqualTo("ORD-W2");
        assertThat(body.get("data").get("reason").asString()).contains("does not deliver to AQ");
        assertThat(Instant.parse(body.get("timestamp").asString())).isBefore(Instant.now().plusSeconds(1));
        assertThat(types("all")).filteredOn(type -> type.startsWith("order."))
                .containsExactlyInAnyOrder("order.dispatched", "order.rejected");

        JsonNode messages = JSON.readTree(call("GET", endpoints(tenant) + "/" + id(rejectedOnly) + "/messages", admin,
                null).body());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(messages.get(0).get("id").asString()).isEqualTo(rejected.header("webhook-id"));
        JsonNode attempts = JSON.readTree(call("GET", endpoints(tenant) + "/" + id(rejectedOnly) + "/messages/"
                + messages.get(0).get("id").asString() + "/attempts", admin, null).body());
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(200);
        assertThat(attempts.get(0).get("response").asString()).isEqualTo("thanks");
    }

    @Test
    void aFailedDeliveryIsRetriedAndA429WaitsForItsRetryAfter() throws Exception {
        String tenant = createTenant();
        JsonNode failing = createEndpoint(tenant, ADMIN, "flaky", List.of("order.dispatched"));
        JsonNode throttling = createEndpoint(tenant, ADMIN, "throttled", List.of("order.dispatched"));
        receiver.script("flaky", new Scripted(500, Map.of(), "x".repeat(5000)));
        receiver.script("throttled", new Scripted(429, Map.of("Retry-After", "1"), "slow down"));

        ingest(tenant, order("ORD-R1", "US", "02118"));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("flaky").size() == 2
                && receiver.received("throttled").size() == 2);
        List<Delivery> flaky = receiver.received("flaky");
        assertThat(flaky.get(1).header("webhook-id")).isEqualTo(flaky.get(0).header("webhook-id"));
        assertThat(verifies(failing.get("secret").asString(), flaky.get(1))).isTrue();
        List<Delivery> throttled = receiver.received("throttled");
        assertThat(Duration.between(throttled.get(0).at(), throttled.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(950));

        String messageId = flaky.get(0).header("webhook-id");
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts(tenant, failing, messageId).size() == 2);
        JsonNode attempts = attempts(tenant, failing, messageId);
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).get("response").asString()).hasSize(1024);
        assertThat(attempts.get(0).get("durationMillis").asInt()).isNotNegative();
        assertThat(attempts.get(1).get("statusCode").asInt()).isEqualTo(200);
        assertThat(attempts(tenant, throttling, throttled.get(0).header("webhook-id")).get(0).get("statusCode").asInt())
                .isEqualTo(429);
    }

    @Test
    void aDeliveryThatTimesOutIsRecordedAndRetriedNoSoonerThanAfterA429() throws Exception {
        String tenant = createTenant();
        JsonNode endpoint = createEndpoint(tenant, ADMIN, "stalling", List.of("order.dispatched"));
        receiver.script("stalling", new Scripted(200, Map.of(), "late", Duration.ofSeconds(3)));

        ingest(tenant, order("ORD-T1", "US", "02118"));

        await().atMost(Duration.ofSeconds(30)).until(() -> messages(tenant, endpoint, "SUCCEEDED").size() == 1);
        JsonNode attempts = attempts(tenant, endpoint, receiver.received("stalling").getFirst().header("webhook-id"));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("statusCode").isNull()).isTrue();
        assertThat(attempts.get(0).get("error").asString()).isEqualTo("timed out");
        assertThat(attempts.get(0).get("durationMillis").asInt()).isGreaterThanOrEqualTo(1900);
        // The configured throttled minimum (500 ms here, 60 s by default), not the first retry delay (100 ms here).
        assertThat(Duration.between(Instant.parse(attempts.get(0).get("attemptedAt").asString()),
                Instant.parse(attempts.get(1).get("attemptedAt").asString()))).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(attempts.get(1).get("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void a410DisablesTheEndpointWithTheReasonUntilItIsEnabledAgain() throws Exception {
        String tenant = createTenant();
        JsonNode endpoint = createEndpoint(tenant, ADMIN, "gone", ORDER_EVENTS);
        receiver.script("gone", new Scripted(410, Map.of(), "gone"));

        ingest(tenant, order("ORD-G1", "US", "02118"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !getEndpoint(tenant, endpoint).get("enabled").asBoolean());
        assertThat(getEndpoint(tenant, endpoint).get("disabledReason").asString()).contains("410");
        ingest(tenant, order("ORD-G2", "US", "02118"));
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> receiver.received("gone").size() == 1);

        // A PUT replaces the endpoint: without its filter it would receive every event type from now on.
        HttpResponse<String> enabled = call("PUT", endpoints(tenant) + "/" + id(endpoint), ADMIN,
                "{\"url\": \"" + receiver.url("gone") + "\", \"eventTypes\": " + JSON.writeValueAsString(ORDER_EVENTS)
                        + ", \"enabled\": true}");
        assertThat(enabled.statusCode()).as(enabled.body()).isEqualTo(200);
        assertThat(JSON.readTree(enabled.body()).get("disabledReason").isNull()).isTrue();
        ingest(tenant, order("ORD-G3", "US", "02118"));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("gone").size() == 2);
    }

    @Test
    void anEndpointThatKeepsFailingIsDisabledAfterTheLimitWithTheReasonShown() throws Exception {
        String tenant = createTenant();
        JsonNode endpoint = createEndpoint(tenant, ADMIN, "down", ORDER_EVENTS);
        receiver.failAlways("down");

        ingest(tenant, order("ORD-D1", "US", "02118"));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(tenant, endpoint, "FAILED").size() == 1);
        assertThat(receiver.received("down")).hasSize(8);
        // More events keep it failing until the limit is passed.
        AtomicInteger orders = new AtomicInteger(1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(700)).until(() -> {
            boolean enabled = getEndpoint(tenant, endpoint).get("enabled").asBoolean();
            if (enabled) {
                ingest(tenant, order("ORD-D" + orders.incrementAndGet(), "US", "02118"));
            }
            return !enabled;
        });
        assertThat(getEndpoint(tenant, endpoint).get("disabledReason").asString()).contains("every delivery failed since");
    }

    @Test
    void oneMessageIsReplayedAndEverythingFailedSinceATimeIsRecovered() throws Exception {
        String tenant = createTenant();
        JsonNode endpoint = createEndpoint(tenant, ADMIN, "recovering", ORDER_EVENTS);
        receiver.failAlways("recovering");
        Instant before = Instant.now().minusSeconds(1);

        ingest(tenant, order("ORD-P1", "US", "02118"));
        ingest(tenant, order("ORD-P2", "US", "02118"));
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(tenant, endpoint, "FAILED").size() == 2);
        receiver.recover("recovering");
        int failedDeliveries = receiver.received("recovering").size();
        String first = messages(tenant, endpoint, "FAILED").get(0).get("id").asString();

        HttpResponse<String> replayed = call("POST", endpoints(tenant) + "/" + id(endpoint) + "/messages/" + first
                + "/replay", ADMIN, null);
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received("recovering").size() == failedDeliveries + 1);
        assertThat(receiver.received("recovering").getLast().header("webhook-id")).isEqualTo(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(tenant, endpoint, "FAILED").size() == 1);

        HttpResponse<String> recovered = call("POST", endpoints(tenant) + "/" + id(endpoint) + "/recover?since=" + before,
                ADMIN, null);
        assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(200);
        assertThat(JSON.readTree(recovered.body()).get("recovered").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> messages(tenant, endpoint, "SUCCEEDED").size() == 2);
        assertThat(receiver.received("recovering").getLast().header("webhook-id")).isNotEqualTo(first);
    }

    @Test
    void duringASecretRotationEachDeliveryIsSignedWithBothSecrets() throws Exception {
        String tenant = createTenant();
        JsonNode endpoint = createEndpoint(tenant, ADMIN, "rotating", ORDER_EVENTS);
        String old = endpoint.get("secret").asString();

        HttpResponse<String> rotated = call("POST", endpoints(tenant) + "/" + id(endpoint) + "/secret/rotate", ADMIN,
                "{\"gracePeriod\": \"PT1H\"}");
        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        String fresh = JSON.readTree(rotated.body()).get("secret").asString();
        assertThat(fresh).startsWith("whsec_").isNotEqualTo(old);
        ingest(tenant, order("ORD-S1", "US", "02118"));

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("rotating").size() == 1);
        Delivery delivery = receiver.received("rotating").getFirst();
        assertThat(delivery.header("webhook-signature").split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(verifies(old, delivery)).isTrue();
        assertThat(verifies(fresh, delivery)).isTrue();
        assertThat(call("GET", endpoints(tenant) + "/" + id(endpoint), ADMIN, null).body()).doesNotContain(fresh)
                .doesNotContain(old);
    }

    @Test
    void theApiValidatesEndpointsAndKeepsTenantsApart() throws Exception {
        String tenant = createTenant();
        String other = createTenant();
        String admin = createKey(tenant, "TENANT_ADMIN");
        String read = createKey(tenant, "TENANT_READ");
        String otherAdmin = createKey(other, "TENANT_ADMIN");

        HttpResponse<String> catalogue = call("GET", "/api/v1/plugins/logistics/event-types", read, null);
        assertThat(catalogue.statusCode()).isEqualTo(200);
        assertThat(catalogue.body()).contains("order.dispatched", "order.rejected");
        JsonNode dispatched = JSON.readTree(catalogue.body()).get(0);
        assertThat(dispatched.get("dataType").asString()).isEqualTo("OrderDispatched");
        assertThat(dispatched.get("dataSchema").toString()).contains("orderId", "estimatedDelivery");
        assertThat(call("GET", "/api/v1/tenants/" + tenant + "/webhooks/event-types", read, null).body())
                .contains("order.dispatched");

        HttpResponse<String> unknownType = call("POST", endpoints(tenant), admin,
                "{\"url\": \"" + receiver.url("x") + "\", \"eventTypes\": [\"order.shipped\"]}");
        assertThat(unknownType.statusCode()).isEqualTo(400);
        assertThat(unknownType.body()).contains("eventTypes[0]", "order.shipped", "known: order.dispatched, order.rejected");
        for (String bad : List.of("ftp://example.com/hook", "http://10.1.2.3/hook", "http://169.254.169.254/latest",
                "http://127.0.0.1:1/hook", "https://user:pw@example.com/hook", "not a url")) {
            HttpResponse<String> refused = call("POST", endpoints(tenant), admin, "{\"url\": \"" + bad + "\"}");
            assertThat(refused.statusCode()).as(bad + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"url\"");
        }
        assertThat(call("POST", endpoints(tenant), read, "{\"url\": \"" + receiver.url("x") + "\"}").statusCode())
                .isEqualTo(403);

        JsonNode endpoint = createEndpoint(tenant, admin, "x", null);
        String path = endpoints(tenant) + "/" + id(endpoint);
        for (String[] request : List.of(new String[] {"GET", endpoints(tenant)}, new String[] {"GET", path},
                new String[] {"DELETE", path}, new String[] {"GET", path + "/messages"},
                new String[] {"POST", path + "/secret/rotate"})) {
            assertThat(call(request[0], request[1], otherAdmin, null).statusCode()).as(request[1]).isEqualTo(404);
        }
        assertThat(call("GET", endpoints(other) + "/" + id(endpoint), otherAdmin, null).statusCode()).isEqualTo(404);
        assertThat(call("POST", endpoints(tenant), otherAdmin, "{\"url\": \"" + receiver.url("x") + "\"}").statusCode())
                .isEqualTo(404);

        JsonNode listed = JSON.readTree(call("GET", endpoints(tenant), admin, null).body());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).has("secret")).isFalse();
        assertThat(call("DELETE", path, admin, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", path, admin, null).statusCode()).isEqualTo(404);
    }

    // ---- independent verifiers: Svix's library, and the Standard Webhooks specification written from its text -----

    /**
     * Whether the delivery verifies with {@code secret}, by Svix's verifier (the reference implementation) and by the
     * specification's text, which must agree.
     */
    private static boolean verifies(String secret, Delivery delivery) throws Exception {
        boolean bySvix;
        try {
            new Webhook(secret).verify(delivery.body(), HttpHeaders.of(delivery.headers(), (name, value) -> true));
            bySvix = true;
        } catch (WebhookVerificationException e) {
            bySvix = false;
        }
        boolean bySpecification = verifiesBySpecification(secret, delivery);
        assertThat(bySvix).as("Svix's verifier agrees with the specification").isEqualTo(bySpecification);
        return bySvix;
    }

    /** Whether one of the {@code webhook-signature} entries is {@code v1,} + base64 HMAC-SHA256(id.timestamp.body). */
    private static boolean verifiesBySpecification(String secret, Delivery delivery) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        byte[] signed = mac.doFinal((delivery.header("webhook-id") + "." + delivery.header("webhook-timestamp") + "."
                + delivery.body()).getBytes(StandardCharsets.UTF_8));
        long age = Instant.now().getEpochSecond() - Long.parseLong(delivery.header("webhook-timestamp"));
        if (Math.abs(age) > 300) {
            return false;
        }
        for (String entry : delivery.header("webhook-signature").split(" ")) {
            String[] parts = entry.split(",", 2);
            if (parts.length == 2 && parts[0].equals("v1")
                    && MessageDigest.isEqual(Base64.getDecoder().decode(parts[1]), signed)) {
                return true;
            }
        }
        return false;
    }

    // ---- the receiver ------------------------------------------------------------------------------------------

    record Delivery(String path, Map<String, List<String>> headers, String body, Instant at) {
        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    /** An answer, given after {@code stall} (a server too slow for the delivery's deadline). */
    record Scripted(int status, Map<String, String> headers, String body, Duration stall) {
        Scripted(int status, Map<String, String> headers, String body) {
            this(status, headers, body, Duration.ZERO);
        }
    }

    /** Answers each path with its scripted answers first, then 200 (or 500 while it is told to fail). */
    static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final Map<String, Deque<Scripted>> scripts = new ConcurrentHashMap<>();
        private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
        private final Map<String, List<Delivery>> received = new ConcurrentHashMap<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hooks/", exchange -> {
                String name = exchange.getRequestURI().getPath().substring("/hooks/".length());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.computeIfAbsent(name, key -> new CopyOnWriteArrayList<>())
                        .add(new Delivery(name, Map.copyOf(exchange.getRequestHeaders()), body, Instant.now()));
                Scripted answer = scripts.getOrDefault(name, new ConcurrentLinkedDeque<>()).poll();
                if (answer == null) {
                    answer = failing.getOrDefault(name, false) ? new Scripted(500, Map.of(), "down")
                            : new Scripted(200, Map.of(), "thanks");
                }
                try {
                    if (!answer.stall().isZero()) {
                        new CountDownLatch(1).await(answer.stall().toMillis(), TimeUnit.MILLISECONDS);
                    }
                    answer.headers().forEach((header, value) -> exchange.getResponseHeaders().add(header, value));
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                    exchange.getResponseBody().write(bytes);
                } catch (IOException | InterruptedException e) {
                    // the sender gave up waiting and closed the connection
                } finally {
                    exchange.close();
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        String url(String name) {
            return "http://127.0.0.1:" + port() + "/hooks/" + name;
        }

        void script(String name, Scripted answer) {
            scripts.computeIfAbsent(name, key -> new ConcurrentLinkedDeque<>()).add(answer);
        }

        void failAlways(String name) {
            failing.put(name, true);
        }

        void recover(String name) {
            failing.put(name, false);
        }

        List<Delivery> received(String name) {
            return new ArrayList<>(received.getOrDefault(name, List.of()));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // ---- the API -----------------------------------------------------------------------------------------------

    private List<String> types(String endpoint) {
        return receiver.received(endpoint).stream().map(delivery -> JSON.readTree(delivery.body()).get("type").asString())
                .toList();
    }

    private JsonNode createEndpoint(String tenant, String key, String name, List<String> types) throws Exception {
        String body = "{\"url\": \"" + receiver.url(name) + "\", \"description\": \"" + name + "\""
                + (types == null ? "" : ", \"eventTypes\": " + JSON.writeValueAsString(types)) + "}";
        HttpResponse<String> created = call("POST", endpoints(tenant), key, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body());
    }

    private JsonNode getEndpoint(String tenant, JsonNode endpoint) throws Exception {
        return JSON.readTree(call("GET", endpoints(tenant) + "/" + id(endpoint), ADMIN, null).body());
    }

    private JsonNode messages(String tenant, JsonNode endpoint, String status) throws Exception {
        return JSON.readTree(call("GET", endpoints(tenant) + "/" + id(endpoint) + "/messages?status=" + status, ADMIN,
                null).body());
    }

    private JsonNode attempts(String tenant, JsonNode endpoint, String messageId) throws Exception {
        return JSON.readTree(call("GET", endpoints(tenant) + "/" + id(endpoint) + "/messages/" + messageId + "/attempts",
                ADMIN, null).body());
    }

    private static String id(JsonNode endpoint) {
        return endpoint.get("id").asString();
    }

    private static String endpoints(String tenant) {
        return "/api/v1/tenants/" + tenant + "/webhooks/endpoints";
    }

    private void ingest(String tenant, String order) throws Exception {
        HttpResponse<String> accepted = call("POST", "/api/v1/tenants/" + tenant + "/orders", ADMIN, order);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    private String createTenant() throws IOException, InterruptedException {
        String id = "whk-" + UUID.randomUUID().toString().substring(0, 8);
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

    private static String order(String orderId, String country, String postalCode) {
        return """
                {"orderId": "%s", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "items": [{"sku": "SKU-1", "description": "Book", "quantity": 1, "weightKg": 0.5}],
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "%s", "country": "%s"},
                              "serviceLevel": "STANDARD"}}""".formatted(orderId, postalCode, country);
    }

    private HttpResponse<String> call(String method, String path, String key, String body)
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
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
