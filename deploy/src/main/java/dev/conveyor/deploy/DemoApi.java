package dev.conveyor.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The demo's client of the Conveyor API, authenticated with the platform admin key. */
final class DemoApi {

    /** The description that marks the endpoints the demo made (and may replace). */
    private static final String DEMO_ENDPOINT = "the demo's webhook receiver";

    private final String baseUrl;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoApi(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    /** Creates the tenant through the admin API; an existing one is fine (the create is idempotent). */
    void ensureTenant(DemoScenario scenario) throws IOException, InterruptedException {
        String body = DemoScenario.JSON.writeValueAsString(java.util.Map.of("id", scenario.tenant(),
                "displayName", scenario.displayName(), "plugin", scenario.plugin(), "config", scenario.config()));
        String id = scenario.tenant();
        HttpResponse<String> response = post("/api/v1/tenants", null, body, "application/json");
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("could not create demo tenant '" + id + "': HTTP " + response.statusCode()
                    + " " + response.body());
        }
    }

    /**
     * Points the tenant's demo webhook endpoint (every event type) at {@code url}: the receiver's port changes from run
     * to run, so endpoints an earlier run made on the same database are removed first.
     */
    void ensureWebhookEndpoint(String tenant, String url) throws IOException, InterruptedException {
        String endpoints = "/api/v1/tenants/" + tenant + "/webhooks/endpoints";
        HttpResponse<String> listed = get(endpoints);
        if (listed.statusCode() != 200) {
            throw new IllegalStateException("could not list the webhook endpoints of '" + tenant + "': HTTP "
                    + listed.statusCode() + " " + listed.body());
        }
        for (var endpoint : DemoScenario.JSON.readTree(listed.body())) {
            if (DEMO_ENDPOINT.equals(endpoint.path("description").asString(""))) {
                send(HttpRequest.newBuilder(URI.create(baseUrl + endpoints + "/" + endpoint.path("id").asString()))
                        .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).DELETE());
            }
        }
        String body = DemoScenario.JSON.writeValueAsString(java.util.Map.of("url", url, "description", DEMO_ENDPOINT));
        HttpResponse<String> created = post(endpoints, null, body, "application/json");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("could not create the demo webhook endpoint of '" + tenant + "': HTTP "
                    + created.statusCode() + " " + created.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String idempotencyKey, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
