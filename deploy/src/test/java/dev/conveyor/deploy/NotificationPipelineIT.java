package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.conveyor.server.ConveyorServer;
import dev.conveyor.services.SmsSink;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The last mile through the server: a logistics order ends with a real e-mail (to an in-process SMTP server) and a
 * real SMS (to a local provider speaking Twilio's API), their delivery records readable per shipment and recipient
 * (and not by another tenant's key), templates validated and previewed through the admin API, and the e-mail's signed
 * unsubscribe link working without an API key.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class NotificationPipelineIT {

    private static final String TENANT = "ship-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String OTHER = "other-" + UUID.randomUUID().toString().substring(0, 8);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static final SmsSink SMS = new SmsSink();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        MAIL.start();
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenants[0].id", () -> TENANT);
        registry.add("conveyor.tenants[0].plugin", () -> "logistics");
        registry.add("conveyor.tenants[1].id", () -> OTHER);
        registry.add("conveyor.tenants[1].plugin", () -> "logistics");
        registry.add("conveyor.egress.allow[0]", () -> "127.0.0.1:" + MAIL.getSmtp().getPort());
        registry.add("conveyor.egress.allow[1]", () -> "127.0.0.1:" + SMS.port());
        registry.add("conveyor.links.base-url", () -> "https://conveyor.example.com");
        registry.add("conveyor.notifications.email[0].host", () -> "127.0.0.1");
        registry.add("conveyor.notifications.email[0].port", () -> MAIL.getSmtp().getPort());
        registry.add("conveyor.notifications.email[0].security", () -> "none");
        registry.add("conveyor.notifications.email[0].from", () -> "notifications@conveyor.example");
        registry.add("conveyor.notifications.sms[0].base-url", SMS::baseUrl);
        registry.add("conveyor.notifications.sms[0].account-sid", () -> "AC999");
        registry.add("conveyor.notifications.sms[0].auth-token", () -> "secret-token");
        registry.add("conveyor.notifications.sms[0].from", () -> "+15550009999");
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
        SMS.close();
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anOrderEndsWithADeliveredEmailAndSmsVisiblePerShipmentAndNotToAnotherTenant() throws Exception {
        assertThat(call("PUT", "/api/v1/tenants/" + TENANT + "/notifications/settings", ServerUnderTest.ADMIN_KEY, """
                {"channels": ["EMAIL", "SMS"], "branding": {"name": "Acme Logistics", "primaryColour": "#003366"}}""")
                .statusCode()).isEqualTo(200);
        String run = UUID.randomUUID().toString().substring(0, 6);
        String email = "grace-" + run + "@example.com";
        String phone = "+1555" + (1_000_000 + Math.abs(run.hashCode() % 1_000_000));
        String orderId = "ORD-N-" + run;
        assertThat(call("POST", "/api/v1/tenants/" + TENANT + "/orders", ServerUnderTest.ADMIN_KEY, """
                {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "%s", "phone": "%s"},
                 "items": [{"sku": "SKU-KB-104", "description": "Keyboard", "quantity": 2, "weightKg": 1.2}],
                 "shipping": {"address": {"line1": "1 Harbour Rd", "city": "Somewhere", "postalCode": "02118",
                              "country": "US"}, "serviceLevel": "EXPRESS", "signatureRequired": false}}"""
                .formatted(orderId, email, phone)).statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(call("GET", "/api/v1/tenants/" + TENANT
                + "/orders/" + orderId, ServerUnderTest.ADMIN_KEY, null).body()).path("trackingNumber").isString());
        String trackingNumber = JSON.readTree(call("GET", "/api/v1/tenants/" + TENANT + "/orders/" + orderId,
                ServerUnderTest.ADMIN_KEY, null).body()).get("trackingNumber").asString();
        String deliveries = "/api/v1/tenants/" + TENANT + "/notifications/subjects/shipment/" + trackingNumber + "/deliveries";
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode list = JSON.readTree(call("GET", deliveries, ServerUnderTest.ADMIN_KEY, null).body());
            return list.size() == 2 && list.valueStream().allMatch(d -> d.get("status").asString().equals("DELIVERED"));
        });
        JsonNode records = JSON.readTree(call("GET", deliveries, ServerUnderTest.ADMIN_KEY, null).body());
        assertThat(records.valueStream().map(d -> d.get("channel").asString())).containsExactlyInAnyOrder("EMAIL", "SMS");
        assertThat(records.valueStream().map(d -> d.get("kind").asString())).containsOnly("shipment.label-created");
        // the records name the recipient by id (the shop's customer e-mail here), never by phone number or body
        assertThat(records.valueStream().map(d -> d.get("recipientId").asString())).containsOnly(email);
        assertThat(records.toString()).doesNotContain(phone).doesNotContain("Grace");

        MimeMessage mail = Arrays.stream(MAIL.getReceivedMessages()).filter(message -> recipient(message).contains(email))
                .findFirst().orElseThrow();
        assertThat(mail.getSubject()).contains("Acme Logistics");
        MimeMultipart parts = (MimeMultipart) mail.getContent();
        assertThat((String) parts.getBodyPart(0).getContent()).contains("Hello Grace Hopper").contains(trackingNumber);
        assertThat((String) parts.getBodyPart(1).getContent()).contains("#003366");
        List<SmsSink.Request> texts = SMS.requestsTo(phone);
        assertThat(texts).singleElement().satisfies(text -> {
            assertThat(text.path()).isEqualTo("/2010-04-01/Accounts/AC999/Messages.json");
            assertThat(text.form().get("Body")).startsWith("Acme Logistics: ").contains(trackingNumber);
        });

        String recipientDeliveries = "/api/v1/tenants/" + TENANT + "/notifications/recipients/"
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/deliveries";
        assertThat(JSON.readTree(call("GET", recipientDeliveries, ServerUnderTest.ADMIN_KEY, null).body()).size()).isEqualTo(2);

        String otherKey = createKey(OTHER, "TENANT_ADMIN");
        assertThat(call("GET", deliveries, otherKey, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", recipientDeliveries, otherKey, null).statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(call("GET", "/api/v1/tenants/" + OTHER + "/notifications/subjects/shipment/"
                + trackingNumber + "/deliveries", otherKey, null).body()).size()).isZero();

        // the e-mail's unsubscribe link needs no API key; a forged one is refused
        Matcher link = Pattern.compile("<https://conveyor\\.example\\.com(/[^>]+)>").matcher(mail.getHeader("List-Unsubscribe")[0]);
        assertThat(link.find()).isTrue();
        String path = link.group(1);
        HttpResponse<String> page = call("GET", path, null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(call("POST", path + "x", null, null).statusCode()).isEqualTo(400);
        assertThat(call("POST", path, null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/tenants/" + TENANT + "/notifications/recipients/"
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/preferences", ServerUnderTest.ADMIN_KEY, null).body())
                .contains("\"channel\":\"EMAIL\"").contains("\"kind\":\"shipment.label-created\"");
    }

    @Test
    void templatesAreValidatedNamingTheLineAndPreviewedWithTheBranding() throws Exception {
        String template = "/api/v1/tenants/" + TENANT + "/notifications/templates/shipment.delivered/EMAIL";
        HttpResponse<String> broken = call("PUT", template, ServerUnderTest.ADMIN_KEY, """
                {"subject": "Delivered", "text": "Hello\\n{{#data.items}}\\n{{name}}", "html": "<p>{{data.message}}</p>"}""");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains("text").contains("line ");

        assertThat(call("PUT", template, ServerUnderTest.ADMIN_KEY, """
                {"subject": "{{tenant.name}}: delivered", "text": "Parcel {{data.trackingNumber}} was delivered.",
                 "html": "<p style=\\"color:{{tenant.primaryColour}}\\">Parcel {{data.trackingNumber}} was delivered.</p>"}""")
                .statusCode()).isEqualTo(200);
        HttpResponse<String> preview = call("POST", template + "/preview", ServerUnderTest.ADMIN_KEY, """
                {"data": {"trackingNumber": "CV123<b>"}}""");
        assertThat(preview.statusCode()).as(preview.body()).isEqualTo(200);
        JsonNode rendered = JSON.readTree(preview.body());
        assertThat(rendered.get("text").asString()).isEqualTo("Parcel CV123<b> was delivered.");
        assertThat(rendered.get("html").asString()).contains("CV123&lt;b&gt;");
        assertThat(rendered.get("subject").asString()).endsWith(": delivered");

        String otherKey = createKey(OTHER, "TENANT_ADMIN");
        assertThat(call("GET", template, otherKey, null).statusCode()).isEqualTo(404);
        assertThat(call("PUT", template, otherKey, "{\"subject\": \"x\", \"text\": \"y\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void aTenantSetsItsOwnProvidersThroughTheApiAndNeverSeesTheirSecretsAgain() throws Exception {
        String providers = "/api/v1/tenants/" + OTHER + "/notifications/providers";
        String admin = createKey(OTHER, "TENANT_ADMIN");
        String read = createKey(OTHER, "TENANT_READ");

        HttpResponse<String> set = call("PUT", providers + "/sms", admin, "{\"baseUrl\": \"" + SMS.baseUrl()
                + "\", \"accountSid\": \"ACother\", \"authToken\": \"other-token\", \"from\": \"+15550142\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("\"secretSet\":true", "ACother").doesNotContain("other-token");
        HttpResponse<String> shown = call("GET", providers + "/sms", read, null);
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("+15550142").doesNotContain("other-token");
        assertThat(call("PUT", providers + "/sms", read, "{}").statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/tenants/" + TENANT + "/notifications/providers/sms", admin, null).statusCode())
                .isEqualTo(404);

        HttpResponse<String> inside = call("PUT", providers + "/email", admin, """
                {"host": "10.0.0.5", "port": 25, "security": "starttls", "from": "news@other.example.com"}""");
        assertThat(inside.statusCode()).isEqualTo(400);
        assertThat(inside.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));
        assertThat(inside.body()).contains("\"field\":\"host\"", "inside the platform's network");

        assertThat(call("DELETE", providers + "/sms", admin, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", providers + "/sms", admin, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", providers, admin, null).body()).isEqualTo("[]");
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    private String createKey(String tenant, String scope) throws IOException, InterruptedException {
        HttpResponse<String> response = call("POST", "/api/v1/tenants/" + tenant + "/api-keys", ServerUnderTest.ADMIN_KEY,
                "{\"name\": \"" + scope.toLowerCase() + "-" + UUID.randomUUID() + "\", \"scope\": \"" + scope + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("token").asString();
    }

    private HttpResponse<String> call(String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + environment.getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
