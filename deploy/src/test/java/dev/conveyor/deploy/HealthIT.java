package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.server.ConveyorServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The health endpoints: Kubernetes' liveness and readiness probes, details for platform admins only, and a
 * dependency check that a flood of calls does not repeat (readiness while Postgres is away: IngestAvailabilityIT).
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class HealthIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenants[0].id", () -> "healthcheck");
        registry.add("conveyor.tenants[0].plugin", () -> "logistics");
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void livenessAndReadinessAreSeparateProbes() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        JsonNode readiness = JSON.readTree(get("/actuator/health/readiness", ServerUnderTest.ADMIN_KEY).body());
        assertThat(readiness.get("components").propertyNames()).containsExactlyInAnyOrder("readinessState", "database");
    }

    @Test
    void anonymousCallersSeeTheStatusOnly() throws Exception {
        HttpResponse<String> anonymous = get("/actuator/health", null);

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(anonymous.body()).get("status").asString()).isEqualTo("UP");
        assertThat(JSON.readTree(anonymous.body()).propertyNames()).doesNotContain("components", "details");
    }

    @Test
    void aPlatformAdminSeesWhatEachDependencyAnswered() throws Exception {
        JsonNode health = JSON.readTree(get("/actuator/health", ServerUnderTest.ADMIN_KEY).body());

        JsonNode dependencies = health.get("components").get("dependencies");
        assertThat(dependencies.get("status").asString()).isEqualTo("UP");
        assertThat(dependencies.get("details").get("database").asString()).isEqualTo("UP");
        assertThat(dependencies.get("details").get("queues").asString()).isEqualTo("UP");
    }

    @Test
    void aPlatformAdminSeesTheHousekeepingLoopsAndTheParkedOutboxRows() throws Exception {
        JsonNode housekeeping = JSON.readTree(get("/actuator/health", ServerUnderTest.ADMIN_KEY).body())
                .get("components").get("housekeeping");

        assertThat(housekeeping.get("status").asString()).isEqualTo("UP");
        assertThat(housekeeping.get("details").get("loops").propertyNames())
                .contains("outbox-sweep", "tenant-reconcile", "retention-purge", "tenant-teardown");
        assertThat(housekeeping.get("details").get("loops").get("outbox-sweep").get("stalled").asBoolean()).isFalse();
        assertThat(housekeeping.get("details").get("parkedOutboxMessages").asString()).matches("\\d+");
    }

    @Test
    void aFloodOfHealthCallsChecksTheDependenciesAboutOnceASecond() throws Exception {
        Set<String> checks = new HashSet<>();
        long started = System.nanoTime();
        for (int call = 0; call < 100; call++) {
            JsonNode health = JSON.readTree(get("/actuator/health", ServerUnderTest.ADMIN_KEY).body());
            checks.add(health.get("components").get("dependencies").get("details").get("checkedAt").asString());
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(checks.size()).as("dependency checks for 100 calls in %d s", seconds).isLessThanOrEqualTo((int) seconds + 2);
    }

    @Test
    void aPlatformAdminSeesTheConnectionPoolsTheirMetricsAndTheMigrations() throws Exception {
        JsonNode db = JSON.readTree(get("/actuator/health", ServerUnderTest.ADMIN_KEY).body()).get("components").get("db");
        assertThat(db.get("status").asString()).isEqualTo("UP");
        assertThat(db.get("components").propertyNames()).containsExactlyInAnyOrder("application", "platform");

        JsonNode pools = JSON.readTree(get("/actuator/metrics/hikaricp.connections.max", ServerUnderTest.ADMIN_KEY).body());
        assertThat(pools.get("availableTags").valueStream().filter(tag -> tag.get("tag").asString().equals("pool"))
                .flatMap(tag -> tag.get("values").valueStream()).map(JsonNode::asString))
                .containsExactlyInAnyOrder("conveyor_app", "conveyor_platform", "conveyor_app-requests",
                        "conveyor_platform-requests");

        JsonNode contexts = JSON.readTree(get("/actuator/flyway", ServerUnderTest.ADMIN_KEY).body()).get("contexts");
        JsonNode migrations = contexts.valueStream().findFirst().orElseThrow().get("flywayBeans").get("flyway")
                .get("migrations");
        assertThat(migrations.valueStream().map(migration -> migration.get("script").asString() + " "
                + migration.get("state").asString())).contains("V1__platform.sql SUCCESS");
    }

    @Test
    void metricsAndMigrationsAreForPlatformAdminsOnly() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + environment.getProperty("local.server.port") + "/api/v1/tenants/healthcheck/api-keys"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"ops\", \"scope\": \"TENANT_ADMIN\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String tenantAdmin = JSON.readTree(created.body()).get("token").asString();

        for (String path : new String[] {"/actuator/metrics", "/actuator/flyway"}) {
            assertThat(get(path, null).statusCode()).as(path + " anonymously").isEqualTo(401);
            assertThat(get(path, tenantAdmin).statusCode()).as(path + " with a tenant admin's key").isEqualTo(403);
        }
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
