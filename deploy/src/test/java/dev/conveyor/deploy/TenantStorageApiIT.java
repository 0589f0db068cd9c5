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
 * A tenant's own storage account by endpoint and Microsoft Entra ID: the platform would present its identity there,
 * so creating a tenant refuses, with a 400 problem naming the field and the fix, any endpoint that is not an Azure
 * queue endpoint over https (or a host the operator allows) and any identity the operator did not list; no tenant is
 * created.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class TenantStorageApiIT {

    private static final String ALLOWED_IDENTITY = "0b7c4e52-6a4f-4a55-9c1e-5c0de0000002";

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.storage.tenant-identity-client-ids", () -> ALLOWED_IDENTITY);
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    /** case, storage fields of the request (JSON members), field the problem names, text it must contain. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("cloud metadata", "\"storageQueueEndpoint\": \"https://169.254.169.254/metadata\"",
                        "storageQueueEndpoint", "https://<account>.queue.core.windows.net"),
                Arguments.of("an internal host", "\"storageQueueEndpoint\": \"https://postgres.internal:5432\"",
                        "storageQueueEndpoint", "conveyor.storage.allowed-hosts"),
                Arguments.of("a look-alike host", "\"storageQueueEndpoint\": \"https://acme.queue.core.windows.net.evil.example\"",
                        "storageQueueEndpoint", "is not an Azure Storage queue endpoint"),
                Arguments.of("cleartext", "\"storageQueueEndpoint\": \"http://acme.queue.core.windows.net\"",
                        "storageQueueEndpoint", "must use https"),
                Arguments.of("no URL", "\"storageQueueEndpoint\": \"acme queue\"", "storageQueueEndpoint", "is not a URL"),
                Arguments.of("an identity not allowed", "\"storageQueueEndpoint\": \"https://acme.queue.core.windows.net\","
                        + " \"storageIdentityClientId\": \"99999999-0000-0000-0000-000000000000\"",
                        "storageIdentityClientId", "conveyor.storage.tenant-identity-client-ids"),
                Arguments.of("an identity without an endpoint", "\"storageIdentityClientId\": \"" + ALLOWED_IDENTITY + "\"",
                        "storageIdentityClientId", "give storageQueueEndpoint too"),
                Arguments.of("a connection string and an endpoint", "\"storageConnectionString\": \"AccountName=a;AccountKey=b\","
                        + " \"storageQueueEndpoint\": \"https://acme.queue.core.windows.net\"",
                        "storageQueueEndpoint", "cannot be combined with storageConnectionString"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anOwnAccountTheOperatorDidNotAllowIsRefusedNamingTheFieldAndTheFix(String name, String storage, String field,
            String fix) throws Exception {
        String tenant = "st-" + Integer.toHexString(name.hashCode());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/tenants"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"id\": \"" + tenant + "\", \"plugin\": \"logistics\", " + storage + "}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"field\":\"" + field + "\"").contains(fix);
        HttpResponse<String> lookup = http.send(HttpRequest.newBuilder(uri("/api/v1/tenants/" + tenant))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lookup.statusCode()).isEqualTo(404);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
