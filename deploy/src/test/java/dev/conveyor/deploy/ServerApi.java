package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server's REST API as the browser tests call it to set a scenario up and check its outcome: calls with a key,
 * tenants and keys created as the platform admin.
 */
final class ServerApi {

    static final String ADMIN = ServerUnderTest.ADMIN_KEY;
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newHttpClient();

    /** The API of the server Spring started on a random port in {@code environment}. */
    ServerApi(Environment environment) {
        this.baseUrl = "http://127.0.0.1:" + environment.getProperty("local.server.port");
    }

    String baseUrl() {
        return baseUrl;
    }

    String url(String path) {
        return baseUrl + path;
    }

    /** A call to the server's API with {@code key}; {@code json} is the body, or null for none. */
    HttpResponse<String> api(String method, String path, String key, String json) throws Exception {
        return api(method, path, key, json, null);
    }

    /** As {@link #api(String, String, String, String)}, with an If-Match header unless {@code ifMatch} is null. */
    HttpResponse<String> api(String method, String path, String key, String json, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Authorization", "Bearer " + key);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Creates a tenant as the platform admin and returns its id ({@code idPrefix} and a random part, so tests sharing
     * the database do not meet). {@code displayName} and {@code configJson} (a JSON object) are left out when null.
     */
    String createTenant(String idPrefix, String displayName, String plugin, String configJson) throws Exception {
        String tenant = idPrefix + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"id\": \"" + tenant + "\""
                + (displayName == null ? "" : ", \"displayName\": \"" + displayName + "\"")
                + ", \"plugin\": \"" + plugin + "\""
                + (configJson == null ? "" : ", \"config\": " + configJson)
                + "}";
        HttpResponse<String> created = api("POST", "/api/v1/tenants", ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return tenant;
    }

    /** Creates an API key of {@code tenant} as the platform admin and returns its token (shown only this once). */
    String createKey(String tenant, String scope, String name) throws Exception {
        HttpResponse<String> created = api("POST", "/api/v1/tenants/" + tenant + "/api-keys", ADMIN,
                "{\"name\": \"" + name + "\", \"scope\": \"" + scope + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("token").asString();
    }
}
