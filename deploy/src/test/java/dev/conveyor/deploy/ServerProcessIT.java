package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.testkit.DatabaseSettings;
import dev.conveyor.testkit.Sql;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged server as a process of its own ({@code java -jar conveyor.jar serve}): it reports a missing queue
 * service as DEGRADED on its health endpoint, and stops in order with exit code 0 on SIGTERM.
 */
final class ServerProcessIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withItsQueueServiceAwayTheServerIsDegradedAndSigtermStopsItWithExitCodeZero() throws Exception {
        DatabaseSettings database = Sql.asOwner().newDatabase("server_process_" + UUID.randomUUID().toString().substring(0, 8));
        int port = freePort();
        int nobodyListens = freePort();
        Path log = Files.createTempFile("conveyor-server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-jar", Path.of("target/conveyor.jar").toAbsolutePath().toString(), "serve", "--port", Integer.toString(port),
                "--conveyor.shutdown-grace=2s"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CONVEYOR_DB_URL", database.jdbcUrl());
        builder.environment().put("CONVEYOR_DB_USER", database.user());
        builder.environment().put("CONVEYOR_DB_PASSWORD", database.password());
        builder.environment().put("CONVEYOR_STORAGE_CONNECTION_STRING", "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                + "QueueEndpoint=http://127.0.0.1:" + nobodyListens + "/devstoreaccount1;");
        builder.environment().put("CONVEYOR_ADMIN_KEY", ServerUnderTest.ADMIN_KEY);
        Process server = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> health(port).statusCode() == 503);
            HttpResponse<String> degraded = health(port);
            assertThat(degraded.body()).contains("\"status\":\"DEGRADED\"").contains("\"database\":\"UP\"")
                    .contains("\"queues\":\"DOWN");

            server.destroy(); // SIGTERM

            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute; log:\n" + Files.readString(log)).isTrue();
            assertThat(server.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            server.destroyForcibly();
        }
    }

    private HttpResponse<String> health(int port) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
