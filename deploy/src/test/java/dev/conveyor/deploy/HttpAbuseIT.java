package dev.conveyor.deploy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.server.ConveyorServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hostile tenant against the HTTP API, one row per attack with its bounded outcome (the README's reliability
 * section lists the same rows): what the server reads, and how large its answer is, stays bounded whatever is sent.
 * Streaming attacks use a raw socket that sends part of a chunked body and then holds the rest back: an answer
 * that arrives while the rest is unsent proves the server did not wait for (or read) it.
 */
@SpringBootTest(classes = ConveyorServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class HttpAbuseIT {

    private static final String TENANT = "abuse";
    private static final String ORDERS = "/api/v1/tenants/" + TENANT + "/orders";
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        ServerUnderTest.register(registry);
        registry.add("conveyor.tenants[0].id", () -> TENANT);
        registry.add("conveyor.tenants[0].plugin", () -> "logistics");
    }

    @Autowired
    Environment environment;

    private final HttpClient http = HttpClient.newHttpClient();
    private String readKey;
    private String ingestKey;

    @BeforeAll
    void keys() throws Exception {
        readKey = createKey("TENANT_READ");
        ingestKey = createKey("TENANT_INGEST");
    }

    /** What the attacker gets back, and how much of its body it had sent when the answer came. */
    record Answer(int status, String body, long bytesSent) {
    }

    @FunctionalInterface
    interface Attack {
        Answer run(HttpAbuseIT api) throws Exception;
    }

    /** case, attack, expected status, text the answer must contain, most bytes the answer may have. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a TENANT_READ key streams a 16 MiB chunked body to an ingest route",
                        (Attack) api -> api.streamChunked(api.readKey, 256 * KIB), 403, "may not send messages", 2 * KIB),
                Arguments.of("a TENANT_INGEST key streams a chunked body past 4 MiB",
                        (Attack) api -> api.streamChunked(api.ingestKey, 4 * MIB + 256 * KIB), 413, "over the limit", 2 * KIB),
                Arguments.of("a 59 KiB order with 20,000 empty items",
                        (Attack) api -> api.post(order("[" + String.join(",", java.util.Collections.nCopies(20_000, "{}")) + "]")),
                        400, "at most 100 are allowed", 4 * KIB),
                Arguments.of("JSON nested 100 deep",
                        (Attack) api -> api.post(order("[{\"sku\": " + "[".repeat(100) + "]".repeat(100) + "}]")),
                        400, "nesting depth", 4 * KIB),
                Arguments.of("a number of 500 digits",
                        (Attack) api -> api.post(order("[{\"sku\": \"S-1\", \"quantity\": " + "9".repeat(500)
                                + ", \"weightKg\": 1}]")),
                        400, "Number value length", 4 * KIB));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void anAttackGetsABoundedAnswerAfterBoundedWork(String name, Attack attack, int status, String detail, int maxAnswerBytes)
            throws Exception {
        Answer answer = attack.run(this);

        assertThat(answer.status()).as(abbreviate(answer.body())).isEqualTo(status);
        assertThat(answer.body()).contains(detail);
        assertThat(answer.body().getBytes(UTF_8).length).as("answer size").isLessThanOrEqualTo(maxAnswerBytes);
    }

    private static String order(String items) {
        return """
                {"orderId": "ORD-ABUSE", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "items": %s,
                 "shipping": {"address": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "STANDARD"}}""".formatted(items);
    }

    private Answer post(String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + ORDERS))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), body.length());
    }

    /**
     * Posts a chunked body to the ingest route that would go on for 16 MiB, but sends only {@code sendFirst} bytes of
     * it and then waits for the answer with the rest held back.
     */
    private Answer streamChunked(String key, long sendFirst) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + ORDERS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(US_ASCII));
            byte[] chunk = new byte[64 * KIB];
            Arrays.fill(chunk, (byte) ' ');
            long sent = 0;
            try {
                while (sent < sendFirst) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(US_ASCII));
                    sent += chunk.length;
                }
                out.flush();
            } catch (IOException answeredAndClosed) {
                // the server may answer and stop reading before all of the first part is out
            }
            return readResponse(socket.getInputStream(), sent);
        }
    }

    private static Answer readResponse(InputStream in, long sent) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long contentLength = -1;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                contentLength = Long.parseLong(header.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                body.write(in.readNBytes(size));
                line(in);
            }
        } else if (contentLength >= 0) {
            body.write(in.readNBytes((int) contentLength));
        }
        return new Answer(status, body.toString(UTF_8), sent);
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next >= 0 && next != '\n'; next = in.read()) {
            if (next != '\r') {
                line.append((char) next);
            }
        }
        return line.toString();
    }

    private String createKey(String scope) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/tenants/" + TENANT
                        + "/api-keys"))
                .header("Authorization", "Bearer " + ServerUnderTest.ADMIN_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + scope + "\", \"scope\": \"" + scope + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(created.body()).get("token").asString();
    }

    private int port() {
        return Integer.parseInt(environment.getProperty("local.server.port"));
    }

    private String base() {
        return "http://127.0.0.1:" + port();
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
