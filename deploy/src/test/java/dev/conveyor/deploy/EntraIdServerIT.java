package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueItem;
import com.azure.storage.queue.models.QueuesSegmentOptions;
import com.sun.net.httpserver.HttpServer;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.LocalAzurite;
import dev.conveyor.services.SelfSignedCertificate;
import dev.conveyor.services.Sql;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The packaged server, given its storage account by endpoint only ({@code CONVEYOR_STORAGE_QUEUEENDPOINT},
 * {@code ..._BLOBENDPOINT}, no connection string), signs in with {@code DefaultAzureCredential} as it would in Azure:
 * here its managed-identity source is an App Service style token endpoint ({@code IDENTITY_ENDPOINT},
 * {@code IDENTITY_HEADER}) served by this test, issuing tokens of the shape Azurite's {@code --oauth basic} checks
 * (issuer, audience, lifetime). Azurite runs over HTTPS; the server's JVM trusts the test certificate through the
 * standard {@code javax.net.ssl.trustStore} property, so no production code path trusts anything unusual. An order
 * then goes through every stage on queues reached with bearer tokens only, for a tenant on the platform's account and
 * for one whose own account (another Azurite, a host the operator allows) was named by endpoint through the API.
 */
final class EntraIdServerIT {

    private static final String IDENTITY_HEADER = "identity-header-" + UUID.randomUUID();
    private static final String ORDER = """
            {"orderId": "%s", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
             "items": [{"sku": "SKU-1", "quantity": 1, "weightKg": 1.0}],
             "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                          "serviceLevel": "STANDARD"}}""";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theServerReachesItsStorageAccountWithDefaultAzureCredentialAndProcessesAnOrder() throws Exception {
        Path scratch = Files.createTempDirectory("conveyor-entra-server-");
        SelfSignedCertificate certificate = SelfSignedCertificate.create(scratch.resolve("tls"));
        List<String> tokenRequests = new CopyOnWriteArrayList<>();
        HttpServer identityEndpoint = managedIdentityEndpoint(tokenRequests);
        LocalAzurite azurite = LocalAzurite.startWithOAuth(scratch.resolve("azurite"), certificate.pfx(),
                SelfSignedCertificate.PASSWORD);
        LocalAzurite tenantsAzurite = LocalAzurite.startWithOAuth(scratch.resolve("tenants-azurite"), certificate.pfx(),
                SelfSignedCertificate.PASSWORD);
        DatabaseSettings database = Sql.asOwner().newDatabase("entra_" + UUID.randomUUID().toString().substring(0, 8));
        Sql sql = new Sql(database);
        String tenant = "entra-" + UUID.randomUUID().toString().substring(0, 6);
        String ownAccountTenant = "entra-own-" + UUID.randomUUID().toString().substring(0, 6);
        try (ServerProcess server = new ServerProcess(database, null, "--conveyor.shutdown-grace=2s")
                .environment("CONVEYOR_STORAGE_QUEUEENDPOINT", azurite.queueEndpoint())
                .environment("CONVEYOR_STORAGE_BLOBENDPOINT", azurite.blobEndpoint())
                .environment("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identityEndpoint.getAddress().getPort() + "/msi/token")
                .environment("IDENTITY_HEADER", IDENTITY_HEADER)
                // the tenants' Azurite listens on loopback: the operator allows that host (and port) for tenants
                .environment("CONVEYOR_STORAGE_ALLOWEDHOSTS", URI.create(tenantsAzurite.queueEndpoint()).getAuthority())
                // The tenant below names no identity of its own: the operator lets tenants use the platform's.
                .environment("CONVEYOR_STORAGE_PLATFORMIDENTITYFORTENANTS", "true")
                .jvmOption("-Djavax.net.ssl.trustStore=" + certificate.trustStoreFile())
                .jvmOption("-Djavax.net.ssl.trustStorePassword=" + SelfSignedCertificate.PASSWORD)
                .start()) {
            await().atMost(Duration.ofMinutes(2)).until(() -> server.healthy() || !server.alive());
            assertThat(server.alive()).as(server.log()).isTrue();

            HttpResponse<String> created = post(server, "/api/v1/tenants",
                    "{\"id\": \"" + tenant + "\", \"plugin\": \"logistics\"}");
            assertThat(created.statusCode()).as(created.body() + "\n" + server.log()).isEqualTo(201);
            HttpResponse<String> accepted = post(server, "/api/v1/tenants/" + tenant + "/orders", ORDER.formatted("ENTRA-1"));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

            await().atMost(Duration.ofMinutes(2)).until(() -> sql.count(
                    "select count(*) from logistics_order where tenant_id = ? and status = 'NOTIFIED'", tenant) == 1);

            HttpResponse<String> ownAccount = post(server, "/api/v1/tenants", "{\"id\": \"" + ownAccountTenant
                    + "\", \"plugin\": \"logistics\", \"storageQueueEndpoint\": \"" + tenantsAzurite.queueEndpoint() + "\"}");
            assertThat(ownAccount.statusCode()).as(ownAccount.body() + "\n" + server.log()).isEqualTo(201);
            assertThat(ownAccount.body()).contains("\"ownStorageAccount\":true")
                    .contains("\"storageQueueEndpoint\":\"" + tenantsAzurite.queueEndpoint() + "\"");
            assertThat(post(server, "/api/v1/tenants/" + ownAccountTenant + "/orders", ORDER.formatted("ENTRA-2")).statusCode())
                    .isEqualTo(202);
            await().atMost(Duration.ofMinutes(2)).until(() -> sql.count(
                    "select count(*) from logistics_order where tenant_id = ? and status = 'NOTIFIED'", ownAccountTenant) == 1);
            assertThat(queueNames(tenantsAzurite, certificate)).anyMatch(name -> name.startsWith(ownAccountTenant))
                    .noneMatch(name -> name.startsWith(tenant + "-"));
            assertThat(queueNames(azurite, certificate)).noneMatch(name -> name.startsWith(ownAccountTenant));

            assertThat(tokenRequests).isNotEmpty().allSatisfy(resource -> assertThat(resource).isEqualTo("https://storage.azure.com"));
            assertThat(server.log()).doesNotContain(IDENTITY_HEADER);
        } finally {
            identityEndpoint.stop(0);
            azurite.close();
            tenantsAzurite.close();
        }
    }

    /**
     * An App Service style managed-identity endpoint: answers a GET carrying the secret header with a token for the
     * requested resource, and records the resources asked for.
     */
    private static HttpServer managedIdentityEndpoint(List<String> resources) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/msi/token", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String resource = java.net.URLDecoder.decode(query.replaceAll(".*resource=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            byte[] body;
            int status;
            if (!IDENTITY_HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
                status = 401;
                body = "{\"error\": \"wrong identity header\"}".getBytes(StandardCharsets.UTF_8);
            } else {
                resources.add(resource);
                long now = Instant.now().getEpochSecond();
                String claims = "{\"aud\":\"" + resource + "\",\"iss\":\"https://sts.windows.net/" + UUID.randomUUID()
                        + "/\",\"iat\":" + (now - 300) + ",\"nbf\":" + (now - 300) + ",\"exp\":" + (now + 3600) + "}";
                String token = base64Url("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64Url(claims) + "." + base64Url("unsigned");
                status = 200;
                body = ("{\"access_token\":\"" + token + "\",\"expires_on\":\"" + (now + 3600) + "\",\"resource\":\""
                        + resource + "\",\"token_type\":\"Bearer\"}").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private HttpResponse<String> post(ServerProcess server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The account's queues, listed with its key over HTTPS (Azurite takes both a key and a token). */
    private static List<String> queueNames(LocalAzurite azurite, SelfSignedCertificate certificate) {
        return new QueueServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(new JdkHttpClientBuilder(HttpClient.newBuilder().sslContext(certificate.trustingSslContext())).build())
                .buildClient()
                .listQueues(new QueuesSegmentOptions().setIncludeMetadata(true), null, Context.NONE) // Azurite refuses an empty include=
                .stream().map(QueueItem::getName).toList();
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
