package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.server.ConveyorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the API answers to bad requests, one row per case (the README's reliability table lists the same): always a
 * 4xx with an RFC 9457 problem whose detail names the problem, and nothing enqueued.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class BadApiInputIT {

    private static final String TENANT = "badapi";
    private static final String ADMIN = ServerUnderTest.ADMIN_KEY;
    private static final String ORDER = """
            {"orderId": "ORD-1", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
             "items": [{"sku": "SKU-1", "quantity": 1, "weightKg": 1.0}],
             "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                          "serviceLevel": "STANDARD"}}""";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenants[0].id", () -> TENANT);
        registry.add("conveyor.tenants[0].plugin", () -> "logistics");
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    /** case, method, path, key, content type, body, expected status, text the answer must contain. */
    static Stream<Arguments> cases() {
        String orders = "/api/v1/tenants/" + TENANT + "/orders";
        return Stream.of(
                Arguments.of("malformed JSON", "POST", orders, ADMIN, "application/json", "{\"orderId\": ", 400, "malformed JSON"),
                Arguments.of("a JSON array instead of an object", "POST", orders, ADMIN, "application/json", "[]", 400,
                        "must be a JSON object"),
                Arguments.of("an empty body", "POST", orders, ADMIN, "application/json", "", 400, ""),
                Arguments.of("a schema violation", "POST", orders, ADMIN, "application/json",
                        ORDER.replace("\"quantity\": 1", "\"quantity\": 0"), 400, "items[0].quantity"),
                Arguments.of("a wrong type", "POST", orders, ADMIN, "application/json",
                        ORDER.replace("\"quantity\": 1", "\"quantity\": \"many\""), 400, "items[0].quantity"),
                Arguments.of("an unknown field", "POST", orders, ADMIN, "application/json",
                        ORDER.replace("{\"orderId\"", "{\"coupon\": \"FREE\", \"orderId\""), 400, "coupon"),
                Arguments.of("a body over 4 MiB", "POST", orders, ADMIN, "application/json", "x".repeat(4_200_000), 413,
                        "over the limit"),
                Arguments.of("an invalid tenant name", "POST", "/api/v1/tenants/Not_A-Tenant/orders", ADMIN,
                        "application/json", ORDER, 404, "does not exist"),
                Arguments.of("an unknown resource (queue)", "POST", "/api/v1/tenants/" + TENANT + "/parcels", ADMIN,
                        "application/json", ORDER, 404, "accepts no 'parcels'"),
                Arguments.of("no API key", "POST", orders, null, "application/json", ORDER, 401, "API key is required"),
                Arguments.of("a wrong API key", "POST", orders, "cvk_0123456789ab_" + "f".repeat(64), "application/json", ORDER,
                        401, "unknown or revoked"),
                Arguments.of("an unknown route", "GET", "/api/v1/nothing/here", ADMIN, null, null, 404, ""),
                Arguments.of("a wrong content type", "POST", orders, ADMIN, "text/plain", ORDER, 415, ""),
                Arguments.of("a bad Idempotency-Key", "POST", orders, ADMIN, "application/json", ORDER, 400, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBadRequestGetsAClientErrorNamingTheProblem(String name, String method, String path, String key,
            String contentType, String body, int status, String detail) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (name.equals("a bad Idempotency-Key")) {
            request.header("Idempotency-Key", "k".repeat(300));
        }

        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains(detail);
    }
}
