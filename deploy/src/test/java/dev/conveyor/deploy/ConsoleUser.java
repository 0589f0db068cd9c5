package dev.conveyor.deploy;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Somebody using the console in a headless browser: signs in with a key, opens pages, waits for headings, and
 * (for status codes a browser hides) asks for a page with the same session cookie over plain HTTP.
 */
final class ConsoleUser implements AutoCloseable {

    private final String baseUrl;
    private final WebDriver browser;
    private final HttpClient http = HttpClient.newHttpClient();

    ConsoleUser(String baseUrl) {
        this.baseUrl = baseUrl;
        this.browser = HeadlessChromium.open(1280, 800);
    }

    WebDriver browser() {
        return browser;
    }

    void signIn(String key) {
        browser.get(url("/console"));
        awaitHeading("Sign in");
        browser.findElement(By.id("key")).sendKeys(key);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        awaitHeading("Overview");
    }

    /** Opens a console page and waits until its main heading reads {@code heading}. */
    void open(String path, String heading) {
        browser.get(url(path));
        awaitHeading(heading);
    }

    void awaitHeading(String text) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> heading().equals(text));
    }

    String heading() {
        return browser.findElement(By.tagName("h1")).getText();
    }

    String session() {
        return browser.manage().getCookieNamed("JSESSIONID").getValue();
    }

    /** A page fetched with this user's session cookie (or another), for the status code the browser does not show. */
    HttpResponse<String> fetch(String path, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", "JSESSIONID=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    String url(String path) {
        return baseUrl + path;
    }

    @Override
    public void close() {
        browser.quit();
    }
}
