package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.plugin.PluginDiscovery;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The packaged server with a plugins directory of its own: the logistics plugin, loaded from its folder, runs its
 * tenant's orders end to end, while an e-commerce folder that bundles an SDK of another version is refused with both
 * versions named, listed as failed, shown by health, and stops only its own tenants (which say why).
 */
final class PluginFoldersIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = ServerUnderTest.ADMIN_KEY;

    @TempDir
    Path plugins;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void aFolderPluginRunsItsTenantsWhileABrokenFolderIsReportedAndStopsOnlyItsOwn() throws Exception {
        DatabaseSettings database = Sql.asOwner().newDatabase("plugin_folders_" + UUID.randomUUID().toString().substring(0, 8));
        String storage = TestServices.get().storageConnectionString();
        String shop = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        // A tenant of e-commerce, created while its plugin was still sound.
        PluginRegistry installed = PluginDiscovery.discover(Optional.of(ServerUnderTest.PLUGINS));
        DatabasePools pools = new DatabaseSetup(database.jdbcUrl(), database.user(), database.password())
                .open(installed.all(), 3, null);
        try (ConveyorEngine engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(storage)
                .plugins(installed)
                .secretsKeys(TestServices.SECRETS_KEY)
                .runsStages(stage -> false)
                .start()) {
            engine.tenants().create(new TenantSpec(shop, shop, "ecommerce", Map.of("warehouses", "east"), Map.of(), null));
        }
        copy(ServerUnderTest.PLUGINS.resolve("logistics"), plugins.resolve("logistics"));
        copy(ServerUnderTest.PLUGINS.resolve("ecommerce"), plugins.resolve("ecommerce"));
        sdkJar(plugins.resolve("ecommerce").resolve("conveyor-sdk-0.0.1.jar"), "0.0.1");

        try (ServerProcess server = new ServerProcess(database, storage, "--conveyor.plugins-dir=" + plugins).start()) {
            port = server.port();
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> get("/actuator/health/readiness", null).statusCode() == 200);

            JsonNode listed = JSON.readTree(get("/api/v1/plugins", ADMIN).body());
            assertThat(find(listed, "logistics").get("status").asString()).isEqualTo("INSTALLED");
            assertThat(find(listed, "logistics").get("source").asString()).isEqualTo("plugins/logistics");
            JsonNode failed = find(listed, "ecommerce");
            assertThat(failed.get("status").asString()).isEqualTo("FAILED");
            assertThat(failed.get("source").asString()).isEqualTo("plugins/ecommerce");
            assertThat(failed.get("reason").asString()).contains("conveyor-sdk-0.0.1.jar (SDK 0.0.1)")
                    .contains("the platform provides SDK 0.1.0");
            assertThat(get("/api/v1/plugins/ecommerce", ADMIN).body()).contains("\"FAILED\"");

            HttpResponse<String> health = get("/actuator/health", ADMIN);
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            JsonNode pluginsHealth = JSON.readTree(health.body()).get("components").get("plugins");
            assertThat(pluginsHealth.get("status").asString()).isEqualTo("DEGRADED");
            assertThat(pluginsHealth.get("details").get("installed").get("logistics").asString()).isEqualTo("plugins/logistics");
            assertThat(pluginsHealth.get("details").get("failed").get("ecommerce (plugins/ecommerce)").asString())
                    .contains("SDK 0.0.1");

            JsonNode shopTenant = JSON.readTree(get("/api/v1/tenants/" + shop, ADMIN).body());
            assertThat(shopTenant.get("status").asString()).isEqualTo("ACTIVE");
            assertThat(shopTenant.get("problem").asString()).contains("it does not run: plugin 'ecommerce' failed to install");
            HttpResponse<String> refused = post("/api/v1/tenants/" + shop + "/orders", "{\"orderId\": \"WEB-1\"}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
            assertThat(refused.body()).contains("does not run").contains("SDK 0.0.1");

            String acme = "acme-" + UUID.randomUUID().toString().substring(0, 6);
            assertThat(post("/api/v1/tenants", "{\"id\": \"" + acme + "\", \"plugin\": \"logistics\"}").statusCode())
                    .isEqualTo(201);
            assertThat(JSON.readTree(get("/api/v1/tenants/" + acme, ADMIN).body()).has("problem")).isFalse();
            assertThat(post("/api/v1/tenants/" + acme + "/orders", """
                    {"orderId": "ORD-FOLDER-1", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                     "items": [{"sku": "SKU-KB-104", "description": "Keyboard", "quantity": 2, "weightKg": 1.2}],
                     "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                                  "serviceLevel": "EXPRESS", "signatureRequired": false}}""").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                HttpResponse<String> order = get("/api/v1/tenants/" + acme + "/orders/ORD-FOLDER-1", ADMIN);
                assertThat(order.statusCode()).isEqualTo(200);
                assertThat(JSON.readTree(order.body()).get("status").asString()).isEqualTo("NOTIFIED");
            });
            assertThat(server.alive()).isTrue();
        }
    }

    private static JsonNode find(JsonNode plugins, String id) {
        for (JsonNode plugin : plugins) {
            if (plugin.get("id").asString().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin '" + id + "' in " + plugins);
    }

    /** A jar that looks like the SDK of {@code version} (its version resource and its entry point). */
    private static void sdkJar(Path jar, String version) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("dev/conveyor/sdk/DomainPlugin.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
            out.closeEntry();
            out.putNextEntry(new JarEntry("dev/conveyor/sdk/sdk-version.properties"));
            out.write(("version=" + version + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            files.forEach(file -> {
                try {
                    Files.copy(file, to.resolve(file.getFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
