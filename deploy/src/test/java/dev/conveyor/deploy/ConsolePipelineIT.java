package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.server.ConveyorServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console's live pipeline in headless Chromium on real Postgres and Azurite: while orders flow through a logistics
 * tenant, the dispatch stage's processed count rises on the open page without a reload (a marker set in the page
 * survives); a healthcare tenant's graph fans its assignment queue out to two stages; a tenant key gets 404 for another
 * tenant's pipeline and its event stream, no session gets no stream, and a session's streams are bounded.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class ConsolePipelineIT {

    private static final String ADMIN = ServerApi.ADMIN;

    @DynamicPropertySource
    static void serverUnderTest(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.telemetry.backlog-poll-interval", () -> "1s");
    }

    @RegisterExtension
    final ConsoleInBrowser console = new ConsoleInBrowser();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDispatchCountRisesOnTheOpenPageWhileOrdersFlow() throws Exception {
        String tenant = tenant("logistics", "{}");
        console.user().signIn(ADMIN);
        console.browser().findElement(By.cssSelector("#tenants tr[data-tenant='" + tenant + "'] th a")).click();
        console.user().awaitHeading("Tenant " + tenant);
        console.browser().findElement(By.linkText("Live pipeline")).click();
        console.user().awaitHeading("Pipeline of " + tenant);
        assertThat(processed("dispatch")).isZero();
        assertThat(script("return window.pipelineMarker = 'kept';")).isEqualTo("kept");
        assertThat(console.browser().findElements(By.cssSelector("svg path.edge"))).hasSize(5);

        for (int i = 0; i < 6; i++) {
            String orderId = "ORD-P" + i;
            // A busy machine may miss the ingest deadline (503, "retry"): retried with the same key, taken once.
            await().atMost(Duration.ofSeconds(20)).until(() -> http.send(HttpRequest.newBuilder(
                            URI.create(console.user().url("/api/v1/tenants/" + tenant + "/orders")))
                    .POST(HttpRequest.BodyPublishers.ofString(order(orderId))).header("Authorization", "Bearer " + ADMIN)
                    .header("Content-Type", "application/json").header("Idempotency-Key", orderId).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), status -> status == 202);
        }
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> processed("dispatch") == 6);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> processed("notify") == 6);
        assertThat(script("return window.pipelineMarker;")).as("the page was not reloaded").isEqualTo("kept");
        assertThat(figure("svg", "dispatch", "processed")).isEqualTo("6");
        assertThat(Long.parseLong(figure("#figures", "dispatch", "rate"))).isEqualTo(6);
        assertThat(figure("#figures", "dispatch", "p95")).startsWith("≤ ");
        assertThat(console.browser().findElement(By.id("live-status")).getText()).startsWith("Live: figures as of");
        HeadlessChromium.screenshotIntoDocs(console.browser(), "console-pipeline.png");

        // The overview counts the messages the tenant's stages handled in the last minute: six orders, three stages each.
        console.user().open("/console", "Overview");
        assertThat(Long.parseLong(console.browser()
                .findElement(By.cssSelector("#tenants tr[data-tenant='" + tenant + "'] a[aria-label^='Pipeline of']"))
                .getText())).isGreaterThanOrEqualTo(18);
    }

    @Test
    void aHealthcareTenantsAssignmentQueueFansOutToTwoStages() throws Exception {
        String clinics = "[{\\\"id\\\": \\\"main\\\", \\\"name\\\": \\\"Main Clinic\\\", \\\"address\\\": \\\"1 Main St\\\","
                + " \\\"timeZone\\\": \\\"UTC\\\", \\\"opens\\\": \\\"08:00\\\", \\\"closes\\\": \\\"18:00\\\","
                + " \\\"days\\\": [\\\"MON\\\", \\\"TUE\\\", \\\"WED\\\", \\\"THU\\\", \\\"FRI\\\", \\\"SAT\\\", \\\"SUN\\\"],"
                + " \\\"slotMinutes\\\": 30, \\\"capacity\\\": 1}]";
        String tenant = tenant("healthcare", "{\"clinics\": \"" + clinics + "\"}");
        console.user().signIn(ADMIN);
        console.user().open("/console/tenants/" + tenant + "/pipeline", "Pipeline of " + tenant);

        assertThat(console.browser().findElements(By.cssSelector("svg path.edge[data-from='q-assignmentqueue']")))
                .extracting(edge -> edge.getAttribute("data-to")).containsExactlyInAnyOrder("s-data-sync", "s-notify");
        assertThat(console.browser().findElements(By.cssSelector("svg path.edge.back"))).as("sync-retry's loop").hasSize(1);
        assertThat(console.browser().findElement(By.cssSelector("svg > title")).getAttribute("textContent"))
                .isEqualTo("Pipeline of tenant " + tenant);
        assertThat(console.browser().findElement(By.cssSelector("svg > desc")).getAttribute("textContent")).contains("AssignmentQueue");
        assertThat(console.browser().findElements(By.cssSelector("#figures tbody tr"))).hasSize(6);
        // Left to right: the assignment queue stands between the stages feeding it and those consuming it.
        double queue = x("q-assignmentqueue");
        assertThat(x("s-management")).isLessThan(queue);
        assertThat(x("s-notify")).isGreaterThan(queue);
        assertThat(x("s-data-sync")).isEqualTo(x("s-notify"));
    }

    @Test
    void aTenantKeyGets404ForAnotherTenantsPipelineAndStreamAndStreamsAreBounded() throws Exception {
        String own = tenant("logistics", "{}");
        String other = tenant("logistics", "{}");
        String key = console.server().createKey(own, "TENANT_READ", "reader");
        console.user().signIn(key);
        String session = console.user().session();

        assertThat(console.user().fetch("/console/tenants/" + other + "/pipeline", session).statusCode()).isEqualTo(404);
        assertThat(console.user().fetch("/console/tenants/" + other + "/pipeline/figures", session).statusCode()).isEqualTo(404);
        assertThat(console.user().fetch("/console/tenants/" + own + "/pipeline", session).statusCode()).isEqualTo(200);
        HttpResponse<String> anonymous = console.user().fetch("/console/tenants/" + own + "/pipeline/figures", "none");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/console/sign-in"));

        // Its own stream: figures at once; a fourth stream of the same session is refused while three are open.
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> stream = stream("/console/tenants/" + own + "/pipeline/figures", session);
                assertThat(stream.statusCode()).isEqualTo(200);
                assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                        assertThat(type).startsWith("text/event-stream"));
                open.add(stream.body());
            }
            BufferedReader first = new BufferedReader(new InputStreamReader(open.getFirst(), StandardCharsets.UTF_8));
            String line;
            do {
                line = first.readLine();
            } while (line != null && !line.startsWith("data:"));
            assertThat(line).contains("\"stages\"");
            HttpResponse<InputStream> fourth = stream("/console/tenants/" + own + "/pipeline/figures", session);
            assertThat(fourth.statusCode()).isEqualTo(429);
            fourth.body().close();
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
        // Closed streams are noticed at the next tick and free their places.
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            HttpResponse<InputStream> again = stream("/console/tenants/" + own + "/pipeline/figures", session);
            again.body().close();
            return again.statusCode() == 200;
        });
    }

    private double x(String nodeId) {
        return Double.parseDouble(console.browser().findElement(By.cssSelector("#" + nodeId + " rect")).getAttribute("x"));
    }

    private long processed(String stage) {
        return Long.parseLong(figure("#figures", stage, "processed"));
    }

    private String figure(String within, String stage, String figure) {
        return console.browser().findElement(By.cssSelector(within + " [data-stage='" + stage + "'][data-figure='" + figure + "']"))
                .getAttribute("textContent");
    }

    private Object script(String script) {
        return ((JavascriptExecutor) console.browser()).executeScript(script);
    }

    private String tenant(String plugin, String config) throws Exception {
        return console.server().createTenant("pipe-", null, plugin, config);
    }

    private HttpResponse<InputStream> stream(String path, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(console.user().url(path))).header("Cookie", "JSESSIONID=" + session)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String order(String orderId) {
        return """
                {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                 "items": [{"sku": "SKU-KB-104", "description": "Keyboard", "quantity": 2, "weightKg": 1.2}],
                 "shipping": {"address": {"line1": "1 Harbour Rd", "city": "Somewhere", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "EXPRESS", "signatureRequired": false}}""".formatted(orderId);
    }
}
