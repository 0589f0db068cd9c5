package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.server.ConveyorServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's stage settings and plugins pages in headless Chromium: a tenant admin's invalid value is answered
 * with the engine's message next to its field (the typed value kept), a valid one takes effect (as the API shows it)
 * and is in the stage's change log, and a save over someone else's change is refused (409) with a reload that
 * brings the current values; a read-only key sees no form and its forged post is refused (403); the plugins page
 * lists the installed plugins with their topology, message types and settings, for any key, as the API does.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class ConsoleSettingsIT {

    private static final String ADMIN = ServerApi.ADMIN;
    private static final JsonMapper JSON = ServerApi.JSON;

    @DynamicPropertySource
    static void serverUnderTest(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
    }

    @RegisterExtension
    final ConsoleInBrowser console = new ConsoleInBrowser();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aTenantAdminChangesAStageSeesTheEnginesRulesAndIsNotLetOverwriteAnotherChange() throws Exception {
        String tenant = tenant();
        console.user().signIn(console.server().createKey(tenant, "TENANT_ADMIN", "stage tuner"));
        console.user().open("/console/tenants/" + tenant, "Tenant " + tenant);
        console.browser().findElement(By.cssSelector("a[aria-label='Settings of stage dispatch']")).click();
        console.user().awaitHeading("Stage dispatch of " + tenant);
        assertThat(console.browser().findElement(By.cssSelector("#setting-batchSize .default")).getText()).isNotBlank();

        // Out of Azure's range: the engine's words next to the field, what was typed kept.
        type("batchSize", "40");
        type("concurrency", "8");
        save();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElement(By.id("error-batchSize")).getText().contains("batchSize must be 1..32"));
        WebElement batchSize = console.browser().findElement(By.id("field-batchSize"));
        assertThat(batchSize.getDomProperty("value")).isEqualTo("40");
        assertThat(batchSize.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(batchSize.getDomAttribute("aria-describedby")).contains("error-batchSize");
        assertThat(console.browser().findElement(By.id("field-concurrency")).getDomProperty("value")).isEqualTo("8");
        assertThat(console.browser().findElements(By.id("error-concurrency"))).isEmpty();
        // A duration in another form than the label says: refused with the forms it takes.
        type("batchSize", "16");
        type("lease", "thirty seconds");
        save();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElement(By.id("error-lease")).getText().contains("is not a duration: write a number with a unit"));
        assertThat(console.browser().findElement(By.id("field-lease")).getDomProperty("value")).isEqualTo("thirty seconds");
        assertThat(dispatch(tenant).path("override").path("concurrency").isNumber()).as("nothing saved").isFalse();

        // A valid change: in effect (the API says so) and in the change log.
        type("lease", "1m");
        save();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElement(By.cssSelector("p.notice")).getText().contains("are saved"));
        JsonNode dispatch = dispatch(tenant);
        assertThat(dispatch.get("settings").get("concurrency").asInt()).isEqualTo(8);
        assertThat(dispatch.path("override").path("batchSize").isNumber()).as("an unchanged value is not overridden").isFalse();
        assertThat(console.browser().findElement(By.cssSelector("#setting-concurrency .effective")).getText()).contains("8");
        String change = console.browser().findElement(By.cssSelector("#changes tbody tr")).getText();
        assertThat(change).contains("stage tuner").contains("Concurrency: plugin default → 8")
                .contains("Lease: plugin default → 1m").doesNotContain("Batch size");

        // Someone else changes the stage while the form is open: saving is refused, the reload shows their change.
        long shownVersion = Long.parseLong(console.browser().findElement(By.cssSelector("input[name=version]")).getDomProperty("value"));
        HttpResponse<String> theirs = console.server().api("PATCH", "/api/v1/tenants/" + tenant + "/topology/stages/dispatch", ADMIN,
                "{\"maxDeliveries\": 7}", "\"" + shownVersion + "\"");
        assertThat(theirs.statusCode()).as(theirs.body()).isEqualTo(200);
        type("concurrency", "6");
        save();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElement(By.id("conflict")).getText().contains("Someone else changed"));
        assertThat(console.browser().findElement(By.id("field-concurrency")).getDomProperty("value")).isEqualTo("6");
        assertThat(dispatch(tenant).get("settings").get("concurrency").asInt()).as("not overwritten").isEqualTo(8);
        assertThat(post(tenant, "dispatch", "version=" + shownVersion + "&concurrency=6").statusCode()).isEqualTo(409);
        console.browser().findElement(By.id("reload")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElements(By.id("conflict")).isEmpty());
        assertThat(console.browser().findElement(By.id("field-maxDeliveries")).getDomProperty("value")).isEqualTo("7");
        assertThat(console.browser().findElement(By.id("field-concurrency")).getDomProperty("value")).isEqualTo("8");
        assertThat(console.browser().findElement(By.cssSelector("input[name=version]")).getDomProperty("value"))
                .isEqualTo(Long.toString(shownVersion + 1));
        HeadlessChromium.screenshotIntoDocs(console.browser(), "console-stage.png");
    }

    @Test
    void aReadOnlyKeySeesTheSettingsWithoutAFormAndItsForgedSaveIsRefused() throws Exception {
        String tenant = tenant();
        console.user().signIn(console.server().createKey(tenant, "TENANT_READ", "reader"));
        console.user().open("/console/tenants/" + tenant + "/stages/tracking", "Stage tracking of " + tenant);
        assertThat(console.browser().findElement(By.cssSelector("#setting-concurrency .effective")).getText()).isNotBlank();
        assertThat(console.browser().findElements(By.tagName("input")).stream()
                .filter(input -> !"hidden".equals(input.getDomAttribute("type")))).isEmpty();
        assertThat(console.browser().findElements(By.id("stage-settings"))).isEmpty();

        // With the session's own CSRF token (from the sign-out form): the server refuses by the key's scope.
        HttpResponse<String> forged = post(tenant, "tracking", "version=1&concurrency=2");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("may not administer");
        assertThat(console.server().api("GET", "/api/v1/tenants/" + tenant + "/topology/audit", ADMIN, null).body()).isEqualTo("[]");

        // Another tenant's stage does not exist for this key; a stage the plugin lacks says which it has.
        String other = tenant();
        assertThat(console.user().fetch("/console/tenants/" + other + "/stages/dispatch", console.user().session()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> misspelt = console.user().fetch("/console/tenants/" + tenant + "/stages/dispach", console.user().session());
        assertThat(misspelt.statusCode()).isEqualTo(404);
        assertThat(misspelt.body()).contains("has no stage &#39;dispach&#39;");
    }

    @Test
    void thePluginsPageShowsEachPluginsTopologyMessageTypesAndSettingsToAnyKeyAsTheApiDoes() throws Exception {
        console.user().signIn(ADMIN);
        console.browser().findElement(By.linkText("Plugins")).click();
        console.user().awaitHeading("Plugins");
        for (String plugin : new String[] {"logistics", "ecommerce", "healthcare"}) {
            WebElement section = console.browser().findElement(By.id("plugin-" + plugin));
            assertThat(section.findElements(By.cssSelector("table.stages tbody tr"))).isNotEmpty();
            assertThat(section.findElements(By.cssSelector(".message-types summary"))).isNotEmpty();
            if (!plugin.equals("logistics")) {
                assertThat(section.findElements(By.cssSelector("table.settings tbody tr"))).as(plugin).isNotEmpty();
            }
        }
        assertThat(console.browser().findElement(By.id("plugin-logistics")).getText()).contains("This plugin has no tenant settings.");
        assertThat(console.browser().findElement(By.cssSelector("#plugin-healthcare table.settings")).getText())
                .contains("reminderLeadTime").contains("clinics[].");
        WebElement logistics = console.browser().findElement(By.id("plugin-logistics"));
        assertThat(logistics.findElement(By.cssSelector("table.stages")).getText())
                .contains("dispatch").contains("tracking").contains("notify");
        WebElement firstType = logistics.findElement(By.cssSelector(".message-types details"));
        firstType.findElement(By.tagName("summary")).click();
        assertThat(firstType.findElement(By.tagName("pre")).getText()).contains("\"properties\"");

        // A tenant key reads plugins on the API, so it reads them here too.
        String tenant = tenant();
        String reader = console.server().createKey(tenant, "TENANT_READ", "reader");
        assertThat(console.server().api("GET", "/api/v1/plugins", reader, null).statusCode()).isEqualTo(200);
        console.reopen();
        console.user().signIn(reader);
        console.user().open("/console/plugins", "Plugins");
        assertThat(console.browser().findElement(By.id("plugin-healthcare")).getText()).contains("Message types");
        assertThat(console.user().fetch("/console/plugins", console.user().session()).statusCode()).isEqualTo(200);
    }

    private void type(String field, String value) {
        WebElement input = console.browser().findElement(By.id("field-" + field));
        input.clear();
        input.sendKeys(value);
    }

    private void save() {
        console.browser().findElement(By.cssSelector("#stage-settings button[type=submit]")).click();
    }

    /** A form post with this browser's session and CSRF token (as a hand-made request would carry them). */
    private HttpResponse<String> post(String tenant, String stage, String form) throws Exception {
        String csrf = console.browser().findElement(By.cssSelector("input[name=_csrf]")).getDomProperty("value");
        return http.send(HttpRequest.newBuilder(URI.create(console.user().url("/console/tenants/" + tenant + "/stages/" + stage)))
                .header("Cookie", "JSESSIONID=" + console.user().session()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode dispatch(String tenant) throws Exception {
        JsonNode topology = JSON.readTree(console.server().api("GET", "/api/v1/tenants/" + tenant + "/topology", ADMIN, null).body());
        for (JsonNode stage : topology.get("stages")) {
            if (stage.get("name").asString().equals("dispatch")) {
                return stage;
            }
        }
        throw new AssertionError("no stage dispatch in " + topology);
    }

    private String tenant() throws Exception {
        return console.server().createTenant("set-", "Settings", "logistics", null);
    }
}
