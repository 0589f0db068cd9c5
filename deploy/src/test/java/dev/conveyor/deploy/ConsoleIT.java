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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
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

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();
    private ServerApi server;
    private ConsoleUser user;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        server = new ServerApi(environment);
        user = new ConsoleUser(server.baseUrl());
        browser = user.browser();
    }

    @AfterEach
    void closeBrowser() {
        user.close();
    }

    private static final Sql sql = Sql.asOwner();

    @Test
    void aPlatformAdminReplaysADeadLetterAndCreatesAndRevokesAKey() throws Exception {
        String tenant = tenantWithOneDeadLetter();
        long letter = sql.count("select max(id) from dead_letter where tenant_id = ?", tenant);

        signIn(ADMIN);
        assertThat(heading()).isEqualTo("Overview");
        assertThat(browser.findElement(By.cssSelector("#tenants tr[data-tenant='" + tenant + "']")).getText())
                .contains("logistics").contains("ACTIVE").contains("1");
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof htmx")).as("htmx is served").isEqualTo("object");
        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.isSecure()).as("plain HTTP here").isFalse();
        HeadlessChromium.screenshotIntoDocs(browser, "console-overview.png");

        // The letter in full for an admin: its body and its reason.
        browser.get(server.url("/console/tenants/" + tenant + "/dead-letters/" + letter));
        awaitHeading("Dead letter " + letter);
        assertThat(browser.findElement(By.id("body")).getText()).contains("ORD-1");
        assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("not valid JSON");
        browser.get(server.url("/console/platform/api-keys"));
        awaitHeading("Platform keys");
        assertThat(browser.findElement(By.id("keys")).getText()).contains("bootstrap admin");

        // Replay, after a confirmation: the letter leaves the list of unresolved ones.
        browser.get(server.url("/console/tenants/" + tenant + "/dead-letters"));
        awaitHeading("Dead letters of " + tenant);
        browser.findElement(By.cssSelector("#letter-" + letter + " a[aria-label='Replay dead letter " + letter + "']")).click();
        awaitHeading("Replay dead letter " + letter + "?");
        browser.findElement(By.id("confirm")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                browser.findElement(By.cssSelector("p.notice")).getText().contains("Dead letter " + letter + " was sent back"));
        assertThat(browser.findElements(By.id("letter-" + letter))).isEmpty();
        assertThat(sql.count("select count(*) from dead_letter where id = ? and status = 'REPLAYED'", letter)).isEqualTo(1);

        // A key: its token once, working on the API; revoked, refused.
        browser.get(server.url("/console/tenants/" + tenant + "/api-keys"));
        awaitHeading("API keys of " + tenant);
        browser.findElement(By.id("key-name")).sendKeys("console reader");
        new Select(browser.findElement(By.id("key-scope"))).selectByValue("TENANT_READ");
        browser.findElement(By.cssSelector("form.create button[type=submit]")).click();
        String token = await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> browser.findElement(By.id("token")).getText(), text -> text.startsWith("cvk_"));
        assertThat(server.api("GET", "/api/v1/tenants/" + tenant, token, null).statusCode()).isEqualTo(200);
        String keyId = token.substring(4, 16);
        browser.findElement(By.cssSelector("#key-" + keyId + " a.button")).click();
        awaitHeading("Revoke key console reader?");
        browser.findElement(By.id("confirm")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                browser.findElement(By.cssSelector("#key-" + keyId + " .state")).getText().equals("revoked"));
        assertThat(server.api("GET", "/api/v1/tenants/" + tenant, token, null).statusCode()).isEqualTo(401);

        // A form whose CSRF token was taken out is refused, and nothing is created.
        browser.get(server.url("/console/tenants/" + tenant + "/api-keys"));
        awaitHeading("API keys of " + tenant);
        ((JavascriptExecutor) browser).executeScript("document.querySelectorAll('input[name=_csrf]').forEach(e => e.remove())");
        browser.findElement(By.id("key-name")).sendKeys("forged");
        browser.findElement(By.cssSelector("form.create button[type=submit]")).click();
        awaitHeading("Forbidden (403)");
        assertThat(server.api("GET", "/api/v1/tenants/" + tenant + "/api-keys", ADMIN, null).body()).doesNotContain("forged");

        // Signing out ends the session.
        browser.get(server.url("/console"));
        awaitHeading("Overview");
        browser.findElement(By.cssSelector("header.top form button")).click();
        awaitHeading("Sign in");
        browser.get(server.url("/console"));
        awaitHeading("Sign in");
    }

    @Test
    void aTenantKeySeesItsOwnTenantOnlyAnotherTenantsPagesAre404AndPlatformPages403() throws Exception {
        String own = tenant();
        String other = tenant();
        String key = server.createKey(own, "TENANT_ADMIN", "TENANT_ADMIN");

        signIn(key);
        assertThat(heading()).isEqualTo("Overview");
        assertThat(browser.findElements(By.cssSelector("#tenants tbody tr"))).hasSize(1);
        assertThat(browser.findElement(By.id("tenants")).getText()).contains(own).doesNotContain(other);

        browser.get(server.url("/console/tenants/" + own));
        awaitHeading("Tenant " + own);
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Manage API keys");

        browser.get(server.url("/console/tenants/" + other));
        awaitHeading("Not found (404)");
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        assertThat(page("/console/tenants/" + other, session).statusCode()).isEqualTo(404);
        assertThat(page("/console/tenants/" + other + "/dead-letters", session).statusCode()).isEqualTo(404);
        assertThat(page("/console/tenants/" + other + "/api-keys", session).statusCode()).isEqualTo(404);
        assertThat(page("/console/platform/api-keys", session).statusCode()).isEqualTo(403);
        assertThat(page("/console/tenants/" + own, session).statusCode()).isEqualTo(200);

        // A post without the CSRF token, with a valid session: refused.
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(server.url("/console/tenants/" + own + "/api-keys")))
                .header("Cookie", "JSESSIONID=" + session).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + URLEncoder.encode("forged", StandardCharsets.UTF_8)
                        + "&scope=TENANT_ADMIN")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(server.api("GET", "/api/v1/tenants/" + own + "/api-keys", ADMIN, null).body()).doesNotContain("forged");

        // Without a session, a page asks to sign in.
        HttpResponse<String> anonymous = page("/console/tenants/" + own, "none");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/console/sign-in"));
    }

    private void signIn(String key) {
        user.signIn(key);
    }

    private void awaitHeading(String text) {
        user.awaitHeading(text);
    }

    private String heading() {
        return user.heading();
    }

    private String tenant() throws Exception {
        return server.createTenant("con-", "Console", "logistics", null);
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
        return user.fetch(path, session);
    }
}
