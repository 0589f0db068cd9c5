package dev.conveyor.engine.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.conveyor.sdk.EgressException;
import dev.conveyor.sdk.EgressException.Category;
import dev.conveyor.sdk.EgressResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The egress client against servers on loopback: what the policy refuses is never connected to, redirects are not
 * followed, and every call ends within its deadline with a category, however the server misbehaves.
 */
final class EgressHttpClientTest {

    private static final Duration DEADLINE = Duration.ofMillis(700);
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ServerSocket raw;
    private final List<Socket> rawConnections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            switch (exchange.getRequestURI().getPath()) {
                case "/redirect" -> {
                    exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/target");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/large" -> {
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(new byte[64 * 1024]);
                    }
                }
                case "/down" -> exchange.sendResponseHeaders(503, -1);
                default -> {
                    byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            }
            exchange.close();
        });
        server.start();
        raw = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(() -> {
            while (!raw.isClosed()) {
                try {
                    Socket connection = raw.accept();
                    rawConnections.add(connection);
                    if (trickle) {
                        Thread.ofVirtual().start(() -> trickle(connection));
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private volatile boolean trickle;

    /** Answers headers at once, then one byte of body every 100 ms, for ever: each read is quick, the whole is not. */
    private static void trickle(Socket connection) {
        try {
            OutputStream out = connection.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!connection.isClosed()) {
                out.write('x');
                out.flush();
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        } catch (IOException e) {
            // the client gave up: done
        }
    }

    @AfterEach
    void stopServers() throws IOException {
        server.stop(0);
        raw.close();
        for (Socket connection : rawConnections) {
            connection.close();
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private EgressHttpClient allowingServers() {
        return new EgressHttpClient(EgressPolicy.allowing(List.of("127.0.0.1:" + port(), "127.0.0.1:" + raw.getLocalPort())),
                Duration.ofSeconds(30), 16 * 1024);
    }

    private static Category failure(EgressHttpClient client, String url) {
        try {
            client.post(URI.create(url), JSON, BODY, DEADLINE);
        } catch (EgressException e) {
            return e.category();
        }
        throw new AssertionError("the call to " + url + " got an answer");
    }

    @Test
    void refusesALoopbackServerTheOperatorDidNotAllowWithoutConnecting() {
        try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.internetOnly())) {
            for (String host : List.of("127.0.0.1", "localhost", "2130706433", "[::ffff:127.0.0.1]", "0.0.0.0")) {
                assertThat(failure(client, "http://" + host + ":" + port() + "/hook")).as(host).isEqualTo(Category.REFUSED);
            }
        }
        assertThat(requests).isEmpty();
    }

    @Test
    void postsToAnAllowedServerAndReturnsItsAnswer() throws EgressException {
        try (EgressHttpClient client = allowingServers()) {
            EgressResponse ok = client.post(URI.create("http://127.0.0.1:" + port() + "/hook"), JSON, BODY, DEADLINE);
            EgressResponse down = client.post(URI.create("http://127.0.0.1:" + port() + "/down"), JSON, BODY, DEADLINE);

            assertThat(ok.status()).isEqualTo(200);
            assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
            assertThat(down.successful()).isFalse();
            assertThat(down.statusText()).isEqualTo("HTTP 503");
        }
        assertThat(requests).containsExactly("/hook", "/down");
    }

    @Test
    void doesNotFollowARedirect() throws EgressException {
        try (EgressHttpClient client = allowingServers()) {
            EgressResponse response = client.post(URI.create("http://127.0.0.1:" + port() + "/redirect"), JSON, BODY, DEADLINE);

            assertThat(response.status()).isEqualTo(302);
        }
        assertThat(requests).containsExactly("/redirect");
    }

    @Test
    void aServerThatNeverAnswersTimesOutAtTheDeadline() {
        try (EgressHttpClient client = allowingServers()) {
            long started = System.nanoTime();

            assertThat(failure(client, "http://127.0.0.1:" + raw.getLocalPort() + "/hook")).isEqualTo(Category.TIMED_OUT);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(DEADLINE.minusMillis(50), DEADLINE.plusSeconds(1));
        }
    }

    @Test
    void aBodyTrickledForEverTimesOutAtTheDeadlineThoughEachReadIsQuick() {
        trickle = true;
        try (EgressHttpClient client = allowingServers()) {
            long started = System.nanoTime();

            assertThat(failure(client, "http://127.0.0.1:" + raw.getLocalPort() + "/hook")).isEqualTo(Category.TIMED_OUT);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(DEADLINE.plusSeconds(1));
        }
    }

    @Test
    void anAnswerLargerThanTheLimitIsNotRead() {
        try (EgressHttpClient client = allowingServers()) {
            assertThat(failure(client, "http://127.0.0.1:" + port() + "/large")).isEqualTo(Category.RESPONSE_TOO_LARGE);
        }
    }

    @Test
    void aClosedPortIsAConnectionFailureWithoutItsDetails() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        try (EgressHttpClient client = new EgressHttpClient(EgressPolicy.allowing(List.of("127.0.0.1:" + closedPort)))) {
            assertThatThrownBy(() -> client.post(URI.create("http://127.0.0.1:" + closedPort + "/hook"), JSON, BODY, DEADLINE))
                    .isInstanceOf(EgressException.class)
                    .hasMessage("connection failed")
                    .hasNoCause();
        }
    }
}
