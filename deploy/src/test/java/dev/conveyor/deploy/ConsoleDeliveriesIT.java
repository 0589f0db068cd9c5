package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.server.ConveyorServer;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's dead letter bulk actions, notification deliveries and webhook endpoints in headless Chromium on real
 * Postgres and Azurite: dead letters of two stages, filtered by stage, replayed and then discarded all at once after a
 * confirmation naming how many (the other stage's stay); a tenant whose order ended in an e-mail (to an in-process
 * SMTP server) sees the delivery, and its endpoint at a receiver answering 500 shows as failing; another tenant's key
 * gets 404 on these pages, and a read-only key sees no bulk buttons and its forged post is refused.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class ConsoleDeliveriesIT {

    private static final String ADMIN = ServerApi.ADMIN;
    private static final JsonMapper JSON = ServerApi.JSON;

    @RegisterExtension
    final ConsoleInBrowser console = new ConsoleInBrowser();

    private final HttpClient http = HttpClient.newHttpClient();

    private static final Sql sql = Sql.asOwner();
    private static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private static HttpServer failingReceiver;

    @DynamicPropertySource
    static void mailAndFailingReceiver(DynamicPropertyRegistry registry) throws IOException {
        ServerUnderTest.register(registry);
        MAIL.start();
        failingReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        failingReceiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = "down for maintenance".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(500, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        failingReceiver.start();
        registry.add("conveyor.egress.allow[0]", () -> "127.0.0.1:" + MAIL.getSmtp().getPort());
        registry.add("conveyor.egress.allow[1]", () -> "127.0.0.1:" + failingReceiver.getAddress().getPort());
        registry.add("conveyor.notifications.email[0].host", () -> "127.0.0.1");
        registry.add("conveyor.notifications.email[0].port", () -> MAIL.getSmtp().getPort());
        registry.add("conveyor.notifications.email[0].security", () -> "none");
        registry.add("conveyor.notifications.email[0].from", () -> "notifications@conveyor.example");
        registry.add("conveyor.webhooks.retry-delays", () -> "10m");
        registry.add("conveyor.webhooks.poll-interval", () -> "100ms");
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
        failingReceiver.stop(0);
    }

    @Test
    void deadLettersOfOneStageAreReplayedAndThenAnotherStagesDiscardedAllAtOnceAfterACountedConfirmation()
            throws Exception {
        String tenant = tenant();
        AzureQueueTransport queues = new AzureQueueTransport(TestServices.get().storageConnectionString());
        for (int i = 0; i < 3; i++) {
            queues.send(tenant + "-order-queue", "{\"orderId\": \"ORD-" + i + "\", ", Duration.ZERO);
        }
        for (int i = 0; i < 2; i++) {
            queues.send(tenant + "-dispatch-queue", "{\"trackingNumber\": ", Duration.ZERO);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> unresolved(tenant, "dispatch") == 3 && unresolved(tenant, "tracking") == 2);
        // The replayed bodies are still malformed: with the stage stopped they wait in its queue instead of failing again.
        disable(tenant, "dispatch");

        console.user().signIn(ADMIN);
        console.user().open("/console/tenants/" + tenant + "/dead-letters", "Dead letters of " + tenant);
        assertThat(rows()).isEqualTo(5);
        new Select(console.browser().findElement(By.id("stage-filter"))).selectByValue("dispatch");
        console.browser().findElement(By.cssSelector("form.filters button[type=submit]")).click();
        try {
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> rows() == 3);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("at " + console.browser().getCurrentUrl() + ": " + console.browser().findElement(By.tagName("main"))
                    .getAttribute("innerHTML"), e);
        }

        console.browser().findElement(By.id("replay-matching")).click();
        console.user().awaitHeading("Replay 3 dead letters of stage dispatch?");
        console.browser().findElement(By.id("confirm")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElement(By.cssSelector("p.notice")).getText()
                        .startsWith("Replayed 3 dead letters of stage dispatch."));
        assertThat(console.browser().findElement(By.id("letters")).getText()).contains("No dead letters match.");
        assertThat(unresolved(tenant, "dispatch")).isZero();
        assertThat(unresolved(tenant, "tracking")).isEqualTo(2);
        assertThat(sql.count("select count(*) from dead_letter where tenant_id = ? and status = 'REPLAYED'", tenant)).isEqualTo(3);

        // The time filter: nothing failed before 2000.
        console.user().open("/console/tenants/" + tenant + "/dead-letters?stage=tracking&to=2000-01-01T00:00", "Dead letters of " + tenant);
        assertThat(console.browser().findElement(By.id("letters")).getText()).contains("No dead letters match.");

        console.user().open("/console/tenants/" + tenant + "/dead-letters?stage=tracking", "Dead letters of " + tenant);
        assertThat(rows()).isEqualTo(2);
        console.browser().findElement(By.id("discard-matching")).click();
        console.user().awaitHeading("Discard 2 dead letters of stage tracking?");
        console.browser().findElement(By.id("confirm")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElement(By.cssSelector("p.notice")).getText()
                        .startsWith("Discarded 2 dead letters of stage tracking."));
        assertThat(unresolved(tenant, "tracking")).isZero();
        assertThat(sql.count("select count(*) from dead_letter where tenant_id = ? and status = 'DISCARDED'", tenant)).isEqualTo(2);

        // The API's bulk discard follows the same rules: nothing left, nothing done.
        HttpResponse<String> none = console.server().api("POST",
                "/api/v1/tenants/" + tenant + "/dead-letters/discard?stage=dispatch", ADMIN, null);
        assertThat(none.statusCode()).as(none.body()).isEqualTo(200);
        assertThat(JSON.readTree(none.body()).get("discarded").asInt()).isZero();
        assertThat(JSON.readTree(none.body()).get("remaining").asInt()).isZero();
    }

    @Test
    void aTenantSeesItsDeliveriesAndAFailingEndpointAnotherTenantGets404AndAReadOnlyKeyChangesNothing()
            throws Exception {
        String tenant = tenant();
        String other = tenant();
        String endpointBody = "{\"url\": \"http://127.0.0.1:" + failingReceiver.getAddress().getPort()
                + "/hooks\", \"description\": \"erp\", \"eventTypes\": [\"order.dispatched\"]}";
        HttpResponse<String> endpoint = console.server().api("POST", "/api/v1/tenants/" + tenant + "/webhooks/endpoints", ADMIN,
                endpointBody);
        assertThat(endpoint.statusCode()).as(endpoint.body()).isEqualTo(201);
        String endpointId = JSON.readTree(endpoint.body()).get("id").asString();
        String email = "ada-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        HttpResponse<String> order = console.server().api("POST", "/api/v1/tenants/" + tenant + "/orders", ADMIN, """
                {"orderId": "ORD-C1", "customer": {"name": "Ada Lovelace", "email": "%s"},
                 "items": [{"sku": "SKU-1", "description": "Book", "quantity": 1, "weightKg": 0.5}],
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "STANDARD"}}""".formatted(email));
        assertThat(order.statusCode()).as(order.body()).isEqualTo(202);
        new AzureQueueTransport(TestServices.get().storageConnectionString())
                .send(tenant + "-order-queue", "{\"orderId\": ", Duration.ZERO);
        await().atMost(Duration.ofSeconds(45)).until(() -> sql.count("select count(*) from notification_deliveries"
                + " where tenant_id = ? and channel = 'EMAIL' and status = 'DELIVERED'", tenant) == 1
                && sql.count("select count(*) from webhook_endpoints where tenant_id = ? and failing_since is not null",
                tenant) == 1
                && unresolved(tenant, "dispatch") == 1);

        console.user().signIn(console.server().createKey(tenant, "TENANT_ADMIN", "TENANT_ADMIN"));
        console.user().open("/console/tenants/" + tenant, "Tenant " + tenant);
        console.browser().findElement(By.linkText("Notification deliveries")).click();
        console.user().awaitHeading("Notification deliveries of " + tenant);
        assertThat(console.browser().findElement(By.cssSelector("#count-EMAIL")).getText()).contains("e-mail");
        assertThat(console.browser().findElement(By.cssSelector("#count-EMAIL a[aria-label='1 e-mail deliveries DELIVERED']")).getText())
                .isEqualTo("1");
        new Select(console.browser().findElement(By.id("channel-filter"))).selectByValue("EMAIL");
        new Select(console.browser().findElement(By.id("status-filter"))).selectByValue("DELIVERED");
        console.browser().findElement(By.cssSelector("form.filters button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElements(
                        By.cssSelector("#deliveries tbody tr[data-status='DELIVERED'][data-channel='EMAIL']")).size() == 1
                        && console.browser().findElements(By.cssSelector("#deliveries tbody tr")).size() == 1);
        String row = console.browser().findElement(By.cssSelector("#deliveries tbody tr")).getText();
        assertThat(row).contains("shipment.label-created").contains(email);
        assertThat(console.browser().findElement(By.tagName("main")).getText()).as("a contact's name is not shown")
                .doesNotContain("Ada Lovelace");
        console.browser().findElement(By.cssSelector("#deliveries tbody tr a")).click();
        console.user().awaitHeading("Delivery of shipment.label-created");
        assertThat(console.browser().findElement(By.id("delivery")).getText()).contains("DELIVERED");
        assertThat(console.browser().findElement(By.id("attempts")).getText()).contains("Attempts made");

        console.user().open("/console/tenants/" + tenant + "/webhooks", "Webhook endpoints of " + tenant);
        String health = console.browser().findElement(By.id("endpoint-" + endpointId)).getText();
        assertThat(health).contains("Failing").contains("HTTP 500").contains("never");
        console.browser().findElement(By.cssSelector("#endpoint-" + endpointId + " a")).click();
        console.user().awaitHeading("Webhook endpoint");
        assertThat(console.browser().findElement(By.id("messages")).getText()).contains("order.dispatched").contains("PENDING");

        // Another tenant's key reaches none of these pages.
        String session = console.user().session();
        String otherSession = sessionOf(console.server().createKey(other, "TENANT_ADMIN", "TENANT_ADMIN"));
        for (String page : new String[] {"/deliveries", "/webhooks", "/webhooks/" + endpointId, "/dead-letters",
                "/dead-letters/bulk/replay?stage=dispatch"}) {
            assertThat(console.user().fetch("/console/tenants/" + tenant + page, otherSession).statusCode()).as(page).isEqualTo(404);
            assertThat(console.user().fetch("/console/tenants/" + tenant + page, session).statusCode()).as(page).isEqualTo(200);
        }
        String deliveryId = JSON.readTree(console.server().api("GET", "/api/v1/tenants/" + tenant + "/notifications/recipients/"
                + URLEncoder.encode(email, StandardCharsets.UTF_8) + "/deliveries", ADMIN, null).body()).get(0).get("id").asString();
        assertThat(console.user().fetch("/console/tenants/" + other + "/deliveries/" + deliveryId, otherSession).statusCode())
                .isEqualTo(404);

        // A read-only key: deliveries yes, webhook endpoints no (as in the API), no bulk buttons, its forged post refused.
        console.browser().findElement(By.cssSelector("header.top form button")).click();
        console.user().awaitHeading("Sign in");
        console.user().signIn(console.server().createKey(tenant, "TENANT_READ", "TENANT_READ"));
        console.user().open("/console/tenants/" + tenant + "/dead-letters", "Dead letters of " + tenant);
        assertThat(rows()).isEqualTo(1);
        assertThat(console.browser().findElements(By.id("replay-matching"))).isEmpty();
        assertThat(console.browser().findElements(By.id("discard-matching"))).isEmpty();
        assertThat(console.browser().findElements(By.cssSelector("#letters a.button"))).isEmpty();
        String readOnly = console.user().session();
        assertThat(console.user().fetch("/console/tenants/" + tenant + "/deliveries", readOnly).statusCode()).isEqualTo(200);
        assertThat(console.user().fetch("/console/tenants/" + tenant + "/webhooks", readOnly).statusCode()).isEqualTo(403);
        assertThat(console.user().fetch("/console/tenants/" + tenant + "/dead-letters/bulk/discard", readOnly).statusCode()).isEqualTo(403);
        String csrf = (String) ((JavascriptExecutor) console.browser()).executeScript(
                "return document.querySelector('input[name=_csrf]').value");
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(console.user().url("/console/tenants/" + tenant
                        + "/dead-letters/bulk/discard"))).header("Cookie", "JSESSIONID=" + readOnly)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)
                        + "&stage=&error=&from=&to=")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(unresolved(tenant, "dispatch")).isEqualTo(1);
    }

    private int rows() {
        return console.browser().findElements(By.cssSelector("#letters tbody tr[id^='letter-']")).size();
    }

    private static long unresolved(String tenant, String stage) {
        return sql.count("select count(*) from dead_letter where tenant_id = ? and stage = ? and status = 'DEAD'", tenant, stage);
    }

    /** Signs {@code key} in over plain HTTP (the sign-in form, with its CSRF token) and returns the session. */
    private String sessionOf(String key) throws Exception {
        try (ConsoleUser another = new ConsoleUser(console.user().url(""))) {
            another.signIn(key);
            return another.session();
        }
    }

    private void disable(String tenant, String stage) throws Exception {
        String etag = console.server().api("GET", "/api/v1/tenants/" + tenant + "/topology", ADMIN, null).headers()
                .firstValue("ETag").orElseThrow();
        HttpResponse<String> patched = console.server().api("PATCH", "/api/v1/tenants/" + tenant + "/topology/stages/" + stage, ADMIN,
                "{\"enabled\": false}", etag);
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    }

    private String tenant() throws Exception {
        return console.server().createTenant("cdl-", "Console", "logistics", null);
    }
}
