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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The e-commerce and healthcare plugins through the HTTP API: stock loaded as CSV, a shipping label downloaded as
 * a PDF, and patient data that only the patient's tenant can read.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class PluginApiIT {

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
    void stockLoadsAsCsvAndAShippedOrdersLabelDownloadsAsA4x6Pdf() throws Exception {
        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send("POST", "/api/v1/tenants", ADMIN, "application/json",
                "{\"id\": \"" + shop + "\", \"plugin\": \"ecommerce\", \"config\": {\"warehouses\": \"east\"}}").statusCode())
                .isEqualTo(201);
        HttpResponse<byte[]> badStock = send("POST", "/api/v1/tenants/" + shop + "/stock", ADMIN, "text/csv",
                "warehouse,sku,onHand\nmoon,SKU-A,1\n");
        assertThat(badStock.statusCode()).isEqualTo(400);
        assertThat(new String(badStock.body())).contains("moon");
        HttpResponse<byte[]> stock = send("POST", "/api/v1/tenants/" + shop + "/stock", ADMIN, "text/csv",
                "warehouse,sku,onHand\neast,SKU-A,3\n");
        assertThat(stock.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stock.body()).get("rowsLoaded").asInt()).isEqualTo(1);

        assertThat(send("POST", "/api/v1/tenants/" + shop + "/orders", ADMIN, "application/json", """
                {"orderId": "WEB-1", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "lines": [{"sku": "SKU-A", "quantity": 1}],
                 "shippingAddress": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                 "speed": "EXPRESS"}""").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> json("/api/v1/tenants/" + shop + "/orders/WEB-1", ADMIN)
                .path("status").asString().equals("SHIPPED"));
        String trackingNumber = json("/api/v1/tenants/" + shop + "/orders/WEB-1", ADMIN).path("shipments").get(0)
                .path("trackingNumber").asString();

        HttpResponse<byte[]> label = send("GET", "/api/v1/tenants/" + shop + "/labels/" + trackingNumber, ADMIN, null, null);
        assertThat(label.statusCode()).isEqualTo(200);
        assertThat(label.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(label.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                disposition -> assertThat(disposition).contains("label-" + trackingNumber + ".pdf"));
        try (PDDocument pdf = Loader.loadPDF(label.body())) {
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(288f);
            assertThat(pdf.getPage(0).getMediaBox().getHeight()).isEqualTo(432f);
        }
    }

    @Test
    void aPatientsAppointmentIsReadableByItsTenantOnly() throws Exception {
        String clinic = "care-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "care-" + UUID.randomUUID().toString().substring(0, 8);
        String clinics = "[{\\\"id\\\": \\\"main\\\", \\\"name\\\": \\\"Main Clinic\\\", \\\"address\\\": \\\"1 Main St\\\","
                + " \\\"timeZone\\\": \\\"UTC\\\", \\\"opens\\\": \\\"08:00\\\", \\\"closes\\\": \\\"18:00\\\","
                + " \\\"days\\\": [\\\"MON\\\", \\\"TUE\\\", \\\"WED\\\", \\\"THU\\\", \\\"FRI\\\", \\\"SAT\\\", \\\"SUN\\\"],"
                + " \\\"slotMinutes\\\": 30, \\\"capacity\\\": 1}]";
        for (String tenant : new String[] {clinic, other}) {
            HttpResponse<byte[]> created = send("POST", "/api/v1/tenants", ADMIN, "application/json",
                    "{\"id\": \"" + tenant + "\", \"plugin\": \"healthcare\", \"config\": {\"clinics\": \"" + clinics + "\"}}");
            assertThat(created.statusCode()).as(new String(created.body())).isEqualTo(201);
        }
        String otherKey = JSON.readTree(send("POST", "/api/v1/tenants/" + other + "/api-keys", ADMIN, "application/json",
                "{\"name\": \"reader\", \"scope\": \"TENANT_ADMIN\"}").body()).get("token").asString();
        String day = LocalDate.now(ZoneOffset.UTC).plusDays(2).toString();
        assertThat(send("POST", "/api/v1/tenants/" + clinic + "/appointments", ADMIN, "application/json", """
                {"requestId": "R-1", "patient": {"patientId": "P-9", "name": "Jane Doe", "email": "jane@example.com",
                 "dateOfBirth": "1980-04-23"}, "preferences": [{"date": "%s", "from": "09:00", "to": "10:00"}],
                 "clinicPreferences": ["main"], "reason": "Check-up"}""".formatted(day)).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> json("/api/v1/tenants/" + clinic + "/requests/R-1", ADMIN)
                .path("state").asString().equals("DECIDED"));
        String appointmentId = json("/api/v1/tenants/" + clinic + "/requests/R-1", ADMIN).path("appointmentId").asString();
        JsonNode appointment = json("/api/v1/tenants/" + clinic + "/appointments/" + appointmentId, ADMIN);

        assertThat(appointment.path("status").asString()).isEqualTo("BOOKED");
        assertThat(appointment.toString()).doesNotContain("Jane Doe").doesNotContain("jane@example.com");
        assertThat(send("GET", "/api/v1/tenants/" + clinic + "/appointments/" + appointmentId, otherKey, null, null)
                .statusCode()).isEqualTo(404);
        assertThat(send("GET", "/api/v1/tenants/" + other + "/appointments/" + appointmentId, otherKey, null, null)
                .statusCode()).isEqualTo(404);
    }

    private JsonNode json(String path, String key) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = send("GET", path, key, null, null);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    private HttpResponse<byte[]> send(String method, String path, String key, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
