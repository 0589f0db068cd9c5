package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.server.ConveyorServer;
import dev.conveyor.services.Sql;
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
 * The Acme Logistics pipeline end to end through the HTTP API, the real queues (Azurite) and Postgres: orders in,
 * exactly one shipment and one notification out per order; bad requests answered with problem details.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class LogisticsPipelineIT {

    private static final String TENANT = "acme-" + UUID.randomUUID().toString().substring(0, 8);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Sql sql = Sql.asOwner();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenants[0].id", () -> TENANT);
        registry.add("conveyor.tenants[0].plugin", () -> "logistics");
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyOrderGetsExactlyOneShipmentAndOneNotification() throws Exception {
        int orders = 40;
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            String orderId = "ORD-" + run + "-" + i;
            orderIds.add(orderId);
            assertThat(post("/orders", order(orderId, "US", "02118", "EXPRESS"), null).statusCode()).isEqualTo(202);
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(sql.count(
                "select count(*) from logistics_order where tenant_id = ? and status = 'NOTIFIED' and order_id like ?", TENANT, "ORD-" + run + "-%")).isEqualTo(orders));
        assertThat(count("select count(*) from logistics_notification where tenant_id = ? and order_id like ?", run))
                .isEqualTo(orders);
        assertThat(count("select count(distinct order_id) from logistics_notification where tenant_id = ? and order_id like ?", run))
                .isEqualTo(orders);
        assertThat(count("select count(distinct tracking_number) from logistics_shipment where tenant_id = ? and order_id like ?", run))
                .isEqualTo(orders);
        // sent rows are deleted in batches shortly after the sends
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                sql.count("select count(*) from outbox where tenant_id = ?", TENANT)).isZero());

        JsonNode order = JSON.readTree(get("/orders/" + orderIds.getFirst()).body());
        assertThat(order.get("status").asString()).isEqualTo("NOTIFIED");
        assertThat(order.get("final").asBoolean()).isTrue();
        String trackingNumber = order.get("trackingNumber").asString();
        HttpResponse<String> shipment = get("/shipments/" + trackingNumber);
        assertThat(shipment.statusCode()).isEqualTo(200);
        JsonNode shipmentView = JSON.readTree(shipment.body());
        assertThat(shipmentView.get("orderId").asString()).isEqualTo(orderIds.getFirst());
        assertThat(shipmentView.get("status").asString()).isEqualTo("LABEL_CREATED");
        assertThat(shipmentView.get("history")).hasSize(1);
        assertThat(shipmentView.get("trackingUrl").asString()).endsWith(trackingNumber);
    }

    @Test
    void carrierScansUpdateTheHistoryAndNotifyOnceIgnoringDuplicatesAndLateScans() throws Exception {
        String orderId = "ORD-SCAN-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(post("/orders", order(orderId, "US", "10001", "STANDARD"), null).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/orders/" + orderId).body())
                .path("status").asString().equals("NOTIFIED"));
        String trackingNumber = JSON.readTree(get("/orders/" + orderId).body()).get("trackingNumber").asString();
        java.time.Instant base = java.time.Instant.now();

        assertThat(post("/tracking-events", scan(trackingNumber, "scan-1", "IN_TRANSIT", base.plusSeconds(60)), null)
                .statusCode()).isEqualTo(202);
        assertThat(post("/tracking-events", scan(trackingNumber, "scan-1", "IN_TRANSIT", base.plusSeconds(60)), null)
                .statusCode()).isEqualTo(202);
        assertThat(post("/tracking-events", scan(trackingNumber, "scan-3", "DELIVERED", base.plusSeconds(3000)), null)
                .statusCode()).isEqualTo(202);
        // A queue does not keep order: the late scan is sent once the later one has been applied, which is what makes
        // it late (sent together, either may be handled first, and an OUT_FOR_DELIVERY handled first is news).
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/shipments/" + trackingNumber).body())
                .get("status").asString().equals("DELIVERED"));
        assertThat(post("/tracking-events", scan(trackingNumber, "scan-2", "OUT_FOR_DELIVERY", base.plusSeconds(1800)), null)
                .statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/shipments/" + trackingNumber).body())
                .get("history").size() == 4);
        JsonNode shipment = JSON.readTree(get("/shipments/" + trackingNumber).body());
        assertThat(shipment.get("status").asString()).isEqualTo("DELIVERED");
        List<String> history = new ArrayList<>();
        shipment.get("history").forEach(event -> history.add(event.get("status").asString()));
        assertThat(history).containsExactly("LABEL_CREATED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED");
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/orders/" + orderId).body())
                .path("status").asString().equals("DELIVERED"));
        assertThat(sql.count("select count(*) from logistics_notification where tenant_id = ? and order_id = ?", TENANT, orderId))
                .isEqualTo(3);
        assertThat(sql.count("select count(*) from logistics_notification where tenant_id = ? and order_id = ?"
                + " and status = 'OUT_FOR_DELIVERY'", TENANT, orderId)).isZero();

        HttpResponse<String> badDigit = post("/tracking-events", scan("CV100000004US", "scan-9", "IN_TRANSIT", base), null);
        assertThat(badDigit.statusCode()).isEqualTo(400);
        assertThat(badDigit.body()).contains("trackingNumber");
    }

    private static String scan(String trackingNumber, String scanId, String status, java.time.Instant at) {
        return """
                {"trackingNumber": "%s", "scanId": "%s", "status": "%s", "occurredAt": "%s", "location": "Newark, NJ"}"""
                .formatted(trackingNumber, scanId, status, at);
    }

    @Test
    void anOrderNoHubCanServeEndsRejectedWithItsReasonAndNoShipment() throws Exception {
        String orderId = "ORD-BR-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(post("/orders", order(orderId, "BR", "01000-000", "STANDARD"), null).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(get("/orders/" + orderId).statusCode()).isEqualTo(200));
        JsonNode view = JSON.readTree(get("/orders/" + orderId).body());
        assertThat(view.get("status").asString()).isEqualTo("REJECTED");
        assertThat(view.get("final").asBoolean()).isTrue();
        assertThat(view.get("rejectionReason").asString()).contains("does not deliver to BR");
        assertThat(sql.count("select count(*) from logistics_shipment where tenant_id = ? and order_id = ?", TENANT, orderId)).isZero();
        assertThat(sql.count("select count(*) from dead_letter where tenant_id = ?", TENANT)).isZero();
    }

    @Test
    void anInvalidOrderIsRefusedWithEveryViolationNamed() throws Exception {
        String body = """
                {"orderId": "ORD-BAD", "customer": {"name": "Ada", "email": "not-an-email"},
                 "items": [{"sku": "SKU-1", "quantity": 0, "weightKg": 1.0}],
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "usa"},
                              "serviceLevel": "STANDARD"}}""";

        HttpResponse<String> response = post("/orders", body, null);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        List<String> fields = new ArrayList<>();
        problem.get("violations").forEach(violation -> fields.add(violation.get("field").asString()));
        assertThat(fields).contains("customer.email", "items[0].quantity", "shipping.address.country");
    }

    @Test
    void malformedJsonUnknownFieldsWrongContentTypeAndUnknownTenantsAreClientErrors() throws Exception {
        assertThat(post("/orders", "{\"orderId\": ", null).statusCode()).isEqualTo(400);
        HttpResponse<String> unknownField = post("/orders", order("ORD-X", "US", "02118", "STANDARD")
                .replaceFirst("\\{", "{\"colour\": \"red\", "), null);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("colour");
        HttpResponse<String> text = http.send(HttpRequest.newBuilder(uri("/api/v1/tenants/" + TENANT + "/orders"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(text.statusCode()).isEqualTo(415);
        HttpResponse<String> unknownTenant = http.send(HttpRequest.newBuilder(uri("/api/v1/tenants/nobody-here/orders/1"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownTenant.statusCode()).isEqualTo(404);
        assertThat(unknownTenant.body()).contains("tenant 'nobody-here' does not exist");
        assertThat(post("/parcels", "{}", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyGetsTheFirstAnswerAndAnotherBodyIsRefused() throws Exception {
        String orderId = "ORD-IDEM-" + UUID.randomUUID().toString().substring(0, 6);
        String body = order(orderId, "DE", "10115", "STANDARD");

        HttpResponse<String> first = post("/orders", body, "key-" + orderId);
        HttpResponse<String> retried = post("/orders", body, "key-" + orderId);
        HttpResponse<String> other = post("/orders", order(orderId + "-2", "DE", "10115", "STANDARD"), "key-" + orderId);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(retried.body()).get("messageId")).isEqualTo(JSON.readTree(first.body()).get("messageId"));
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(other.statusCode()).isEqualTo(422);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sql.count(
                "select count(*) from logistics_notification where tenant_id = ? and order_id = ?", TENANT, orderId))
                .isEqualTo(1));
    }

    @Test
    void aTrackingNumberWithAWrongCheckDigitIsABadRequestAndAnUnknownOneIsNotFound() throws Exception {
        HttpResponse<String> wrongDigit = get("/shipments/CV100000004US");
        HttpResponse<String> unknown = get("/shipments/CV999999995US");

        assertThat(wrongDigit.statusCode()).isEqualTo(400);
        assertThat(wrongDigit.body()).contains("check digit");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private long count(String query, String run) {
        return sql.count(query, TENANT, "ORD-" + run + "-%");
    }

    private static String order(String orderId, String country, String postalCode, String serviceLevel) {
        return """
                {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                 "items": [{"sku": "SKU-KB-104", "description": "Keyboard", "quantity": 2, "weightKg": 1.2}],
                 "shipping": {"address": {"line1": "1 Harbour Rd", "city": "Somewhere", "postalCode": "%s", "country": "%s"},
                              "serviceLevel": "%s", "signatureRequired": false}}""".formatted(orderId, postalCode, country, serviceLevel);
    }

    private HttpResponse<String> post(String path, String body, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/tenants/" + TENANT + path))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/api/v1/tenants/" + TENANT + path))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
