package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.server.ConveyorServer;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
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
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations console in headless Chromium on real Postgres and Azurite: a platform admin signs in, replays a
 * dead letter and sees it leave the list, creates a key (its token shown once, working on the API) and revokes it
 * (refused from then on); a form post without its CSRF token is refused; a tenant key sees its own tenant only
 * (another tenant's pages answer 404, a platform page 403), with the session cookie HttpOnly and SameSite=Strict.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class ConsoleIT {

    private static final String ADMIN = ServerApi.ADMIN;
    private static final JsonMapper JSON = ServerApi.JSON;

    @DynamicPropertySource
    static void serverUnderTest(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
    }

    @RegisterExtension
    final ConsoleInBrowser console = new ConsoleInBrowser();

    private final HttpClient http = HttpClient.newHttpClient();

    private static final Sql sql = Sql.asOwner();

    @Test
    void aPlatformAdminReplaysADeadLetterAndCreatesAndRevokesAKey() throws Exception {
        String tenant = tenantWithOneDeadLetter();
        long letter = sql.count("select max(id) from dead_letter where tenant_id = ?", tenant);

        signIn(ADMIN);
        assertThat(heading()).isEqualTo("Overview");
        assertThat(console.browser().findElement(By.cssSelector("#tenants tr[data-tenant='" + tenant + "']")).getText())
                .contains("logistics").contains("ACTIVE").contains("1");
        assertThat(((JavascriptExecutor) console.browser()).executeScript("return typeof htmx")).as("htmx is served").isEqualTo("object");
        Cookie session = console.browser().manage().getCookieNamed("JSESSIONID");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.isSecure()).as("plain HTTP here").isFalse();
        HeadlessChromium.screenshotIntoDocs(console.browser(), "console-overview.png");

        // The letter in full for an admin: its body and its reason.
        console.browser().get(console.server().url("/console/tenants/" + tenant + "/dead-letters/" + letter));
        awaitHeading("Dead letter " + letter);
        assertThat(console.browser().findElement(By.id("body")).getText()).contains("ORD-1");
        assertThat(console.browser().findElement(By.cssSelector("dl.facts")).getText()).contains("not valid JSON");
        console.browser().get(console.server().url("/console/platform/api-keys"));
        awaitHeading("Platform keys");
        assertThat(console.browser().findElement(By.id("keys")).getText()).contains("bootstrap admin");

        // Replay, after a confirmation: the letter leaves the list of unresolved ones.
        console.browser().get(console.server().url("/console/tenants/" + tenant + "/dead-letters"));
        awaitHeading("Dead letters of " + tenant);
        console.browser().findElement(By.cssSelector("#letter-" + letter + " a[aria-label='Replay dead letter " + letter + "']")).click();
        awaitHeading("Replay dead letter " + letter + "?");
        console.browser().findElement(By.id("confirm")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElement(By.cssSelector("p.notice")).getText().contains("Dead letter " + letter + " was sent back"));
        assertThat(console.browser().findElements(By.id("letter-" + letter))).isEmpty();
        assertThat(sql.count("select count(*) from dead_letter where id = ? and status = 'REPLAYED'", letter)).isEqualTo(1);

        // A key: its token once, working on the API; revoked, refused.
        console.browser().get(console.server().url("/console/tenants/" + tenant + "/api-keys"));
        awaitHeading("API keys of " + tenant);
        console.browser().findElement(By.id("key-name")).sendKeys("console reader");
        new Select(console.browser().findElement(By.id("key-scope"))).selectByValue("TENANT_READ");
        console.browser().findElement(By.cssSelector("form.create button[type=submit]")).click();
        String token = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> console.browser().findElement(By.id("token")).getText(), text -> text.startsWith("cvk_"));
        assertThat(console.server().api("GET", "/api/v1/tenants/" + tenant, token, null).statusCode()).isEqualTo(200);
        String keyId = token.substring(4, 16);
        console.browser().findElement(By.cssSelector("#key-" + keyId + " a.button")).click();
        awaitHeading("Revoke key console reader?");
        console.browser().findElement(By.id("confirm")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                console.browser().findElement(By.cssSelector("#key-" + keyId + " .state")).getText().equals("revoked"));
        assertThat(console.server().api("GET", "/api/v1/tenants/" + tenant, token, null).statusCode()).isEqualTo(401);

        // A form whose CSRF token was taken out is refused, and nothing is created.
        console.browser().get(console.server().url("/console/tenants/" + tenant + "/api-keys"));
        awaitHeading("API keys of " + tenant);
        ((JavascriptExecutor) console.browser()).executeScript("document.querySelectorAll('input[name=_csrf]').forEach(e => e.remove())");
        console.browser().findElement(By.id("key-name")).sendKeys("forged");
        console.browser().findElement(By.cssSelector("form.create button[type=submit]")).click();
        awaitHeading("Forbidden (403)");
        assertThat(console.server().api("GET", "/api/v1/tenants/" + tenant + "/api-keys", ADMIN, null).body()).doesNotContain("forged");

        // Signing out ends the session.
        console.browser().get(console.server().url("/console"));
        awaitHeading("Overview");
        console.browser().findElement(By.cssSelector("header.top form button")).click();
        awaitHeading("Sign in");
        console.browser().get(console.server().url("/console"));
        awaitHeading("Sign in");
    }

    @Test
    void aTenantKeySeesItsOwnTenantOnlyAnotherTenantsPagesAre404AndPlatformPages403() throws Exception {
        String own = tenant();
        String other = tenant();
        String key = console.server().createKey(own, "TENANT_ADMIN", "TENANT_ADMIN");

        signIn(key);
        assertThat(heading()).isEqualTo("Overview");
        assertThat(console.browser().findElements(By.cssSelector("#tenants tbody tr"))).hasSize(1);
        assertThat(console.browser().findElement(By.id("tenants")).getText()).contains(own).doesNotContain(other);

        console.browser().get(console.server().url("/console/tenants/" + own));
        awaitHeading("Tenant " + own);
        assertThat(console.browser().findElement(By.tagName("main")).getText()).contains("Manage API keys");

        console.browser().get(console.server().url("/console/tenants/" + other));
        awaitHeading("Not found (404)");
        String session = console.browser().manage().getCookieNamed("JSESSIONID").getValue();
        assertThat(page("/console/tenants/" + other, session).statusCode()).isEqualTo(404);
        assertThat(page("/console/tenants/" + other + "/dead-letters", session).statusCode()).isEqualTo(404);
        assertThat(page("/console/tenants/" + other + "/api-keys", session).statusCode()).isEqualTo(404);
        assertThat(page("/console/platform/api-keys", session).statusCode()).isEqualTo(403);
        assertThat(page("/console/tenants/" + own, session).statusCode()).isEqualTo(200);

        // A post without the CSRF token, with a valid session: refused.
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(
                        URI.create(console.server().url("/console/tenants/" + own + "/api-keys")))
                .header("Cookie", "JSESSIONID=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + URLEncoder.encode("forged", StandardCharsets.UTF_8)
                        + "&scope=TENANT_ADMIN")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(console.server().api("GET", "/api/v1/tenants/" + own + "/api-keys", ADMIN, null).body()).doesNotContain("forged");

        // Without a session, a page asks to sign in.
        HttpResponse<String> anonymous = page("/console/tenants/" + own, "none");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/console/sign-in"));
    }

    private void signIn(String key) {
        console.user().signIn(key);
    }

    private void awaitHeading(String text) {
        console.user().awaitHeading(text);
    }

    private String heading() {
        return console.user().heading();
    }

    private String tenant() throws Exception {
        return console.server().createTenant("con-", "Console", "logistics", null);
    }

    /** A logistics tenant whose order queue got a malformed order: one dead letter. */
    private String tenantWithOneDeadLetter() throws Exception {
        String tenant = tenant();
        new AzureQueueTransport(TestServices.get().storageConnectionString())
                .send(tenant + "-order-queue", "{\"orderId\": \"ORD-1\", \"customer\": ", Duration.ZERO);
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count("select count(*) from dead_letter where tenant_id = ?",
                tenant) == 1);
        return tenant;
    }

    private HttpResponse<String> page(String path, String session) throws Exception {
        return console.user().fetch(path, session);
    }
}
