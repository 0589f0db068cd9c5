package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The insurance-claims example, built out of the reactor as its author builds it, installed the way the docs say:
 * its plugin folder copied into the {@code plugins/} of the packaged server, next to the distribution's own. The
 * server loads it, a tenant of it is created over the admin API, and claims ingested over HTTP go through triage,
 * assignment, payment and the claimant's notice as its view shows; one that triage refuses stops there, and one
 * that breaks the claim's rules is refused at the door naming each field.
 */
final class DroppedInPluginIT {

    /**
     * Where the examples' build (examples/pom.xml, the Maven Invoker) leaves the plugin folder; this module declares
     * the examples as a build-order dependency, so a reactor build has made it before this test runs.
     */
    static final Path CLAIMS_FOLDER = Path.of("../examples/target/it/insurance-claims/target/plugin/insurance-claims")
            .toAbsolutePath().normalize();

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = ServerUnderTest.ADMIN_KEY;
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @TempDir
    Path plugins;

    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    @Test
    void theClaimsFolderDroppedIntoPluginsRunsClaimsEndToEnd() throws Exception {
        requireBuiltExample();
        for (String shipped : List.of("logistics", "ecommerce", "healthcare")) {
            copy(ServerUnderTest.PLUGINS.resolve(shipped), plugins.resolve(shipped));
        }
        copy(CLAIMS_FOLDER, plugins.resolve(CLAIMS_FOLDER.getFileName()));
        DatabaseSettings database = Sql.asOwner().newDatabase("dropped_in_" + UUID.randomUUID().toString().substring(0, 8));

        try (ServerProcess server = new ServerProcess(database, TestServices.get().storageConnectionString(),
                "--conveyor.plugins-dir=" + plugins).start()) {
            port = server.port();
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions()
                    .until(() -> get("/actuator/health/readiness").statusCode() == 200);

            JsonNode listed = JSON.readTree(get("/api/v1/plugins").body());
            JsonNode claims = find(listed, "claims", server);
            assertThat(claims.get("status").asString()).as(claims.toString()).isEqualTo("INSTALLED");
            assertThat(claims.get("source").asString()).isEqualTo("plugins/insurance-claims");
            for (String shipped : List.of("logistics", "ecommerce", "healthcare")) {
                assertThat(find(listed, shipped, server).get("status").asString()).isEqualTo("INSTALLED");
            }

            String insurer = "insurer-" + UUID.randomUUID().toString().substring(0, 6);
            HttpResponse<String> created = post("/api/v1/tenants", """
                    {"id": "%s", "plugin": "claims", "config": {"fastTrackLimit": 1000,
                     "adjusters": [{"name": "Kim", "upTo": "MEDIUM"}, {"name": "Ravi", "upTo": "HIGH"}]}}"""
                    .formatted(insurer));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(JSON.readTree(get("/api/v1/tenants/" + insurer).body()).has("problem")).isFalse();

            String claimsPath = "/api/v1/tenants/" + insurer + "/claims";
            for (String claim : List.of(
                    claim("CLM-SMALL", "PROPERTY", "250.00", TODAY.minusDays(2)),
                    claim("CLM-CAR", "VEHICLE", "4000.00", TODAY.minusDays(3)),
                    claim("CLM-INJURY", "INJURY", "300.00", TODAY.minusDays(1)),
                    claim("CLM-FUTURE", "TRAVEL", "80.00", TODAY.plusDays(30)))) {
                HttpResponse<String> accepted = post(claimsPath, claim);
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            }

            // A small claim is fast-tracked: paid in full by payment, and notify tells the claimant so.
            JsonNode small = awaitView(claimsPath + "/CLM-SMALL", view -> status(view).equals("PAID") && view.has("claimantTold"));
            assertThat(small.get("severity").asString()).isEqualTo("LOW");
            assertThat(small.get("paidAmount").decimalValue()).isEqualByComparingTo("250.00");
            assertThat(small.get("claimantTold").asString()).contains("approved and paid in full");

            // A medium claim waits in review for the adjuster it was assigned to, and the claimant is told who that is.
            JsonNode car = awaitView(claimsPath + "/CLM-CAR", view -> status(view).equals("IN_REVIEW") && view.has("claimantTold"));
            assertThat(car.get("severity").asString()).isEqualTo("MEDIUM");
            assertThat(car.get("adjuster").asString()).isIn("Kim", "Ravi");
            assertThat(car.get("claimantTold").asString()).contains("is with " + car.get("adjuster").asString());
            assertThat(car.has("paidAmount")).isFalse();

            // An injury is HIGH whatever its amount: only Ravi handles those.
            JsonNode injury = awaitView(claimsPath + "/CLM-INJURY", view -> status(view).equals("IN_REVIEW") && view.has("claimantTold"));
            assertThat(injury.get("severity").asString()).isEqualTo("HIGH");
            assertThat(injury.get("adjuster").asString()).isEqualTo("Ravi");
            assertThat(injury.get("claimantTold").asString()).contains("is with Ravi");

            // Triage refuses an incident in the future: the claim stops there, with its reason, and reaches nobody.
            JsonNode future = awaitView(claimsPath + "/CLM-FUTURE", view -> status(view).equals("REJECTED"));
            assertThat(future.get("rejectionReason").asString()).contains("is in the future");
            assertThat(future.has("adjuster")).isFalse();
            assertThat(future.has("claimantTold")).isFalse();

            HttpResponse<String> refused = post(claimsPath, """
                    {"claimId": "CLM!BAD", "policyNumber": "POL-9", "claimant": {"name": "Ada", "email": "not-an-address"},
                     "kind": "VEHICLE", "amount": -5, "incidentDate": "2026-01-02"}""");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            List<String> fields = new ArrayList<>();
            JSON.readTree(refused.body()).get("violations").forEach(violation -> fields.add(violation.get("field").asString()));
            assertThat(fields).containsExactlyInAnyOrder("claimId", "claimant.email", "amount");
            assertThat(get(claimsPath + "/CLM!BAD").statusCode()).isEqualTo(404);

            assertThat(JSON.readTree(get("/api/v1/tenants/" + insurer + "/dead-letters").body())).isEmpty();
            assertThat(server.alive()).as(server.log()).isTrue();
        }
    }

    /** Fails, never skips, when the example was not built: this test is the only proof that the folder works. */
    private static void requireBuiltExample() throws IOException {
        boolean hasJar = false;
        if (Files.isDirectory(CLAIMS_FOLDER)) {
            try (Stream<Path> files = Files.list(CLAIMS_FOLDER)) {
                hasJar = files.anyMatch(file -> file.getFileName().toString().endsWith(".jar"));
            }
        }
        if (!hasJar) {
            throw new AssertionError("no insurance-claims plugin folder with a jar at " + CLAIMS_FOLDER + ": build the "
                    + "examples first (./mvnw install at the root, or ./mvnw verify -pl deploy -am, which builds examples/ "
                    + "before deploy; the examples need the SDK, testkit and plugin parent installed in the local "
                    + "repository)");
        }
    }

    private JsonNode awaitView(String path, Predicate<JsonNode> done) {
        JsonNode[] seen = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> view = get(path);
            assertThat(view.statusCode()).as(path + ": " + view.body()).isEqualTo(200);
            seen[0] = JSON.readTree(view.body());
            assertThat(done.test(seen[0])).as(path + ": " + view.body()).isTrue();
        });
        return seen[0];
    }

    private static String status(JsonNode claim) {
        return claim.path("status").asString();
    }

    private static String claim(String id, String kind, String amount, LocalDate incident) {
        return """
                {"claimId": "%s", "policyNumber": "POL-%s", "claimant": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "kind": "%s", "amount": %s, "incidentDate": "%s"}""".formatted(id, id, kind, amount, incident);
    }

    private static JsonNode find(JsonNode plugins, String id, ServerProcess server) {
        for (JsonNode plugin : plugins) {
            if (plugin.get("id").asString().equals(id)) {
                return plugin;
            }
        }
        throw new AssertionError("no plugin '" + id + "' in " + plugins + "\nserver log:\n" + server.log());
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

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
