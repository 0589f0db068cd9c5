package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.server.ConveyorServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A shipment's live status over real HTTP: its signed link opens a Server-Sent Events stream (JDK HttpClient reading
 * text/event-stream) that replays after {@code Last-Event-ID} and then carries a carrier scan posted through the API;
 * forged and expired links answer problem details; and in headless Chromium the tracking page shows the new status
 * without a reload.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class TrackingStreamIT {

    private static final String TENANT = "track-" + UUID.randomUUID().toString().substring(0, 8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenants[0].id", () -> TENANT);
        registry.add("conveyor.tenants[0].plugin", () -> "logistics");
        registry.add("conveyor.streams.heartbeat", () -> "1s");
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSignedLinkStreamsTheShipmentResumingAfterTheLastIdThenLive() throws Exception {
        String trackingNumber = shippedOrder();
        String token = token(trackingNumber);
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(uri("/track/" + token + "/events"))
                .header("Last-Event-ID", "0").header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // the test closed the stream
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(line -> line.contains("Info received")));
        assertThat(lines).anyMatch(line -> line.startsWith("id:"));

        scan(trackingNumber, "scan-1", "IN_TRANSIT");
        await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().anyMatch(line -> line.contains("In transit")));
        await().atMost(Duration.ofSeconds(3)).until(() -> lines.stream().anyMatch(line -> line.startsWith(":heartbeat")
                || line.startsWith(": heartbeat")));
        long lastId = lines.stream().filter(line -> line.startsWith("id:")).map(line -> Long.parseLong(line.substring(3).trim()))
                .max(Long::compare).orElseThrow();
        reader.interrupt();
        stream.body().close();

        // A reconnect after the last id gets nothing again, then what follows.
        List<String> resumed = new CopyOnWriteArrayList<>();
        HttpResponse<java.io.InputStream> again = http.send(HttpRequest.newBuilder(uri("/track/" + token + "/events"))
                .header("Last-Event-ID", Long.toString(lastId)).build(), HttpResponse.BodyHandlers.ofInputStream());
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(again.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    resumed.add(line);
                }
            } catch (Exception e) {
                // closed
            }
        });
        scan(trackingNumber, "scan-2", "OUT_FOR_DELIVERY");
        await().atMost(Duration.ofSeconds(20)).until(() -> resumed.stream().anyMatch(line -> line.contains("Out for delivery")));
        assertThat(resumed).noneMatch(line -> line.contains("In transit") || line.contains("Info received"));
        again.body().close();
    }

    @Test
    void forgedExpiredAndKeylessRequestsAreRefusedWithProblemDetails() throws Exception {
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(uri("/track/dGVzdA.AAAA/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(forged.body()).contains("not valid");

        HttpResponse<String> minted = http.send(HttpRequest.newBuilder(api("/tracking-links"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"shipment\",\"key\":\"RR000000000US\",\"ttl\":\"PT1S\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(minted.statusCode()).isEqualTo(200);
        String shortLived = URI.create(JSON.readTree(minted.body()).get("url").asString()).getPath();
        await().atMost(Duration.ofSeconds(5)).until(() -> http.send(HttpRequest.newBuilder(uri(shortLived)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 403);
        HttpResponse<String> expired = http.send(HttpRequest.newBuilder(uri(shortLived + "/events")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.body()).contains("tracking-link-expired").contains("expired");

        HttpResponse<String> keyless = http.send(HttpRequest.newBuilder(api("/streams")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(keyless.statusCode()).isEqualTo(401);
        HttpResponse<String> noSuchTenant = http.send(HttpRequest.newBuilder(uri("/api/v1/tenants/no-such-tenant/streams"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noSuchTenant.statusCode()).isEqualTo(404);
    }

    @Test
    void anAppointmentLinkOpensThePatientsAppointmentPageInTheClinicsZoneAndTheTenantsBranding() throws Exception {
        HttpResponse<String> branded = put("/notifications/settings", """
                {"branding": {"name": "Harbour Health", "logoUrl": "https://harbour.example.com/logo.png",
                              "primaryColour": "#7a1f5c"}}""");
        assertThat(branded.statusCode()).as(branded.body()).isEqualTo(200);
        String appointmentId = UUID.randomUUID().toString();
        dev.conveyor.services.Sql.asOwner().execute("insert into events (tenant_id, event_id, type, subject_kind, subject_key,"
                + " data, occurred_at) values ('" + TENANT + "', gen_random_uuid(), 'appointment.updated', 'appointment', '"
                + appointmentId + "', '{\"status\":\"BOOKED\",\"clinic\":\"Harbour Clinic\",\"clinicAddress\":\"1 Quay St, Boston\","
                + "\"startsAt\":\"2026-12-10T14:30:00Z\",\"timeZone\":\"America/New_York\","
                + "\"whatToBring\":\"Your insurance card\"}', now())");
        HttpResponse<String> minted = post("/tracking-links", "{\"kind\":\"appointment\",\"key\":\"" + appointmentId + "\"}");
        String path = URI.create(JSON.readTree(minted.body()).get("url").asString()).getPath();

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Your appointment</h1>").contains("Appointment details").contains("Booked")
                .contains("Harbour Clinic").contains("1 Quay St, Boston").contains("What to bring")
                .contains("Your insurance card")
                // 14:30 UTC is 09:30 at a Boston clinic in December.
                .contains("Thu 10 Dec 2026, 09:30 EST").doesNotContain(">America/New_York<")
                .contains("<img src=\"https://harbour.example.com/logo.png\" alt=\"Harbour Health\"")
                .contains("--primary: #7a1f5c;");
    }

    @Test
    void anotherTenantsKeyFindsNoStreamOfThisTenant() throws Exception {
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(uri("/api/v1/tenants"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + other + "\",\"displayName\":\"Other\",\"plugin\":\"logistics\",\"config\":{}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
        HttpResponse<String> key = http.send(HttpRequest.newBuilder(uri("/api/v1/tenants/" + other + "/api-keys"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"dashboard\",\"scope\":\"TENANT_READ\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(key.statusCode()).as(key.body()).isIn(200, 201);
        String otherKey = JSON.readTree(key.body()).get("token").asString();

        for (String path : List.of("/streams", "/streams/shipment/RR000000000US")) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + otherKey)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(404);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        }
        HttpResponse<String> mint = http.send(HttpRequest.newBuilder(api("/tracking-links")).header("Authorization", "Bearer " + otherKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"shipment\",\"key\":\"RR000000000US\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(mint.statusCode()).isEqualTo(404);
    }

    @Test
    void theTrackingPageShowsANewScanWithoutAReload() throws Exception {
        // The tenant's name and colour head the page (no logo: the browser here reaches no other host).
        HttpResponse<String> branded = put("/notifications/settings", """
                {"branding": {"name": "Acme Logistics", "primaryColour": "#0b5394", "accentColour": "#b45f06"}}""");
        assertThat(branded.statusCode()).as(branded.body()).isEqualTo(200);
        String trackingNumber = shippedOrder();
        String page = uri("/track/" + token(trackingNumber)).toString();
        HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(page)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<h1>Your shipment</h1>").contains("Info received").contains("Estimated delivery")
                .contains(trackingNumber);

        WebDriver browser = HeadlessChromium.open(900, 1000);
        try {
            browser.get(page);
            assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("Info received");
            Object marker = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.loadMarker = 'kept';");
            assertThat(marker).isEqualTo("kept");

            scan(trackingNumber, "scan-1", "OUT_FOR_DELIVERY");

            await().atMost(Duration.ofSeconds(20)).until(() -> browser.findElement(By.id("status")).getText()
                    .equals("Out for delivery"));
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.loadMarker;"))
                    .as("the page was not reloaded").isEqualTo("kept");
            assertThat(browser.findElements(By.cssSelector("#history li"))).hasSize(2);
            assertThat(browser.findElement(By.cssSelector("header.brand")).getText()).isEqualTo("Acme Logistics");
            // The new entry's time in words, as the server writes the first one (UTC: a shipment names no zone).
            assertThat(browser.findElement(By.cssSelector("#history li time")).getText()).endsWith("UTC")
                    .doesNotMatch(".*\\d{4}-\\d{2}-\\d{2}T.*");
            HeadlessChromium.screenshotIntoDocs(browser, "tracking-page.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aCustomerWithoutALinkFindsTheShipmentByTrackingNumberAndPostcodeAndCannotGuessPostcodes() throws Exception {
        String trackingNumber = shippedOrder();
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> form = browser.send(HttpRequest.newBuilder(uri("/track?tenant=" + TENANT)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<label for=\"reference\">Tracking number</label>",
                "<label for=\"proof\">Delivery postcode</label>");

        HttpResponse<String> found = lookUp(browser, TENANT, trackingNumber.toLowerCase(), " 02118 ");
        assertThat(found.statusCode()).isEqualTo(303);
        String page = found.headers().firstValue("Location").orElseThrow();
        assertThat(page).startsWith("/track/");
        HttpResponse<String> opened = browser.send(HttpRequest.newBuilder(uri(page)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(200);
        assertThat(opened.body()).contains(trackingNumber, "Your shipment");

        // A wrong postcode and an unknown number get the same answer, naming neither.
        HttpResponse<String> wrongCode = lookUp(browser, TENANT, trackingNumber, "90210");
        HttpResponse<String> unknown = lookUp(browser, TENANT, "CV999999995US", "02118");
        assertThat(wrongCode.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(wrongCode.body()).contains("Nothing matches that tracking number and delivery postcode");
        assertThat(unknown.body()).contains("Nothing matches that tracking number and delivery postcode");
        // Guessing one number's postcode stops after a handful of tries, the right one included.
        for (int i = 3; i < 6; i++) {
            assertThat(lookUp(browser, TENANT, trackingNumber, "1000" + i).statusCode()).isEqualTo(404);
        }
        HttpResponse<String> throttled = lookUp(browser, TENANT, trackingNumber, "02118");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).contains("900");
        assertThat(throttled.body()).contains("Too many attempts");

        assertThat(browser.send(HttpRequest.newBuilder(uri("/track?tenant=no-such-tenant")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        assertThat(lookUp(browser, TENANT, "x".repeat(500), "02118").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> lookUp(HttpClient browser, String tenant, String reference, String postcode) throws Exception {
        String form = "tenant=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "&reference="
                + URLEncoder.encode(reference, StandardCharsets.UTF_8) + "&proof=" + URLEncoder.encode(postcode, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(uri("/track")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String shippedOrder() throws Exception {
        String orderId = "ORD-LIVE-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> accepted = post("/orders", """
                {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                 "items": [{"sku": "SKU-KB-104", "description": "Keyboard", "quantity": 2, "weightKg": 1.2}],
                 "shipping": {"address": {"line1": "1 Harbour Rd", "city": "Somewhere", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "STANDARD", "signatureRequired": false}}"""
                .formatted(orderId));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(get("/orders/" + orderId).body())
                .path("status").asString().equals("NOTIFIED"));
        return JSON.readTree(get("/orders/" + orderId).body()).get("trackingNumber").asString();
    }

    private String token(String trackingNumber) throws Exception {
        HttpResponse<String> minted = post("/tracking-links", "{\"kind\":\"shipment\",\"key\":\"" + trackingNumber + "\"}");
        assertThat(minted.statusCode()).as(minted.body()).isEqualTo(200);
        JsonNode link = JSON.readTree(minted.body());
        String path = URI.create(link.get("url").asString()).getPath();
        return path.substring("/track/".length());
    }

    private void scan(String trackingNumber, String scanId, String status) throws Exception {
        HttpResponse<String> accepted = post("/tracking-events", """
                {"trackingNumber": "%s", "scanId": "%s", "status": "%s", "occurredAt": "%s", "location": "Newark, NJ"}"""
                .formatted(trackingNumber, scanId, status, Instant.now()));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(api(path)).header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI api(String path) {
        return uri("/api/v1/tenants/" + TENANT + path);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + environment.getProperty("local.server.port") + path);
    }
}
