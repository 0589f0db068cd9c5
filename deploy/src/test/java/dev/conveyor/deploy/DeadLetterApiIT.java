package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.server.ConveyorServer;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dead letters over HTTP on real Postgres and Azurite: concurrent resolutions of one dead letter (one wins, the
 * others answer 409 problem+json, one redelivery follows), and what a read-only key may see of one.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
final class DeadLetterApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = ServerUnderTest.ADMIN_KEY;
    private static final String EMAIL = "grace.hopper@example.com";
    private static final Sql sql = Sql.asOwner();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void ofTenConcurrentReplaysAndDiscardsOneAnswers200TheOthers409AndOneRedeliveryFollows() throws Exception {
        String tenant = tenantWithOneDeadLetter();
        String id = deadLetterId(tenant);

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String action = i < 8 ? "replay" : "discard";
            calls.add(http.sendAsync(request("POST", "/api/v1/tenants/" + tenant + "/dead-letters/" + id + "/" + action,
                    ADMIN).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> answers = calls.stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(answer -> answer.statusCode() == 200).hasSize(1);
        assertThat(answers).filteredOn(answer -> answer.statusCode() == 409).hasSize(9)
                .allSatisfy(answer -> assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json"));
        String winner = JSON.readTree(answers.stream().filter(answer -> answer.statusCode() == 200).findFirst()
                .orElseThrow().body()).get("status").asString();
        // The replayed body is still malformed, so each redelivery is dead-lettered anew (under the queue's new id).
        long expectedLetters = winner.equals("REPLAYED") ? 2 : 1;
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(tenant) >= expectedLetters);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> deadLetters(tenant) == expectedLetters);
    }

    @Test
    void aReadOnlyKeySeesADeadLettersReasonButNotItsBodyOrErrors() throws Exception {
        String tenant = tenantWithOneDeadLetter();
        String id = deadLetterId(tenant);
        String readKey = createKey(tenant, "TENANT_READ");
        String adminKey = createKey(tenant, "TENANT_ADMIN");

        JsonNode asReader = JSON.readTree(send(request("GET", "/api/v1/tenants/" + tenant + "/dead-letters/" + id,
                readKey)).body());
        JsonNode asAdmin = JSON.readTree(send(request("GET", "/api/v1/tenants/" + tenant + "/dead-letters/" + id,
                adminKey)).body());

        assertThat(asReader.get("summary").get("reason").asString()).contains("not valid JSON");
        assertThat(asReader.toString()).doesNotContain("grace");
        assertThat(asReader.get("body").isNull()).isTrue();
        assertThat(asReader.get("attempts").get(0).get("stackTrace").isNull()).isTrue();
        assertThat(asAdmin.get("body").asString()).contains(EMAIL);
        assertThat(asAdmin.get("attempts").get(0).get("error").asString()).isNotBlank();
        assertThat(send(request("GET", "/api/v1/tenants/" + tenant + "/dead-letters", readKey)).body())
                .contains("not valid JSON").doesNotContain("grace");
    }

    /** A logistics tenant whose order queue got a malformed order carrying an e-mail address: one dead letter. */
    private String tenantWithOneDeadLetter() throws Exception {
        String tenant = "dla-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(send(request("POST", "/api/v1/tenants", ADMIN).POST(HttpRequest.BodyPublishers.ofString(
                "{\"id\": \"" + tenant + "\", \"displayName\": \"Dead letters\", \"plugin\": \"logistics\"}"))
                .header("Content-Type", "application/json")).statusCode()).isEqualTo(201);
        new AzureQueueTransport(TestServices.get().storageConnectionString())
                .send(tenant + "-order-queue", "{\"orderId\": \"ORD-1\", \"customer\": {\"email\": " + EMAIL + "}}",
                        Duration.ZERO);
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count("select count(*) from dead_letter where tenant_id = ?",
                tenant) == 1);
        return tenant;
    }

    private static long deadLetters(String tenant) {
        return sql.count("select count(*) from dead_letter where tenant_id = ?", tenant);
    }

    private String deadLetterId(String tenant) throws Exception {
        return JSON.readTree(send(request("GET", "/api/v1/tenants/" + tenant + "/dead-letters", ADMIN)).body())
                .get(0).get("id").asString();
    }

    private String createKey(String tenant, String scope) throws Exception {
        HttpResponse<String> created = send(request("POST", "/api/v1/tenants/" + tenant + "/api-keys", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + scope + "\", \"scope\": \"" + scope + "\"}"))
                .header("Content-Type", "application/json"));
        return JSON.readTree(created.body()).get("token").asString();
    }

    private HttpRequest.Builder request(String method, String path, String key) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + key);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
