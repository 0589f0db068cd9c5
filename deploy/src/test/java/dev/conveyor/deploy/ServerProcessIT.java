package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.LocalAzurite;
import dev.conveyor.services.Sql;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged server as a process of its own: it reports a missing queue service as DEGRADED on its health
 * endpoint, and stops in order with exit code 0 on SIGTERM.
 */
final class ServerProcessIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withItsQueueServiceAwayTheServerIsDegradedAndSigtermStopsItWithExitCodeZero() throws Exception {
        DatabaseSettings database = Sql.asOwner().newDatabase("server_process_" + UUID.randomUUID().toString().substring(0, 8));
        String nobodyListens = "DefaultEndpointsProtocol=http;AccountName=" + LocalAzurite.ACCOUNT + ";AccountKey="
                + LocalAzurite.ACCOUNT_KEY + ";QueueEndpoint=http://127.0.0.1:" + ServerProcess.freePort() + "/"
                + LocalAzurite.ACCOUNT + ";";
        try (ServerProcess server = new ServerProcess(database, nobodyListens, "--conveyor.shutdown-grace=2s").start()) {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> health(server.port()).statusCode() == 503);
            HttpResponse<String> degraded = health(server.port());
            assertThat(degraded.body()).contains("\"status\":\"DEGRADED\"").contains("\"database\":\"UP\"")
                    .contains("\"queues\":\"DOWN");

            server.terminate();

            assertThat(server.waitFor(60)).as("stopped within a minute; log:\n" + server.log()).isTrue();
            assertThat(server.exitValue()).as(server.log()).isZero();
        }
    }

    private HttpResponse<String> health(int port) throws IOException, InterruptedException {
        // Details are for platform admins; anonymous callers see the status only.
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
