package dev.conveyor.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the demo's orders through the HTTP API at a steady pace (Azurite slows down as its backlog grows, so the
 * demo does not flood it), follows each order to a final state through the API, and reports what happened.
 */
final class DemoTraffic {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);

    private final String baseUrl;
    private final String tenant;
    private final int orders;
    private final double rate;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final boolean interactive = System.console() != null;

    DemoTraffic(String baseUrl, String tenant, int orders, double rate, PrintStream out) {
        this.baseUrl = baseUrl;
        this.tenant = tenant;
        this.orders = orders;
        this.rate = rate;
        this.out = out;
    }

    DemoReport run() throws IOException, InterruptedException {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss"));
        DemoOrders generator = new DemoOrders(new Random(), runId);
        out.printf("Sending %d orders to tenant '%s' at %.0f orders/s ...%n", orders, tenant, rate);
        Map<String, String> pending = new LinkedHashMap<>(); // orderId -> messageId
        Map<String, JsonNode> finals = new LinkedHashMap<>();
        Set<String> deadLettered = new HashSet<>();
        List<String> refused = new ArrayList<>();
        Instant started = Instant.now();
        long intervalNanos = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        long lastProgress = 0;
        for (int n = 1; n <= orders; n++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += intervalNanos;
            Map<String, Object> order = generator.order(n);
            String orderId = (String) order.get("orderId");
            HttpResponse<String> response = post("/api/v1/tenants/" + tenant + "/orders", orderId, json.writeValueAsString(order));
            if (response.statusCode() == 202) {
                pending.put(orderId, json.readTree(response.body()).get("messageId").asString());
            } else {
                refused.add(orderId + ": HTTP " + response.statusCode() + " " + response.body());
            }
            if (System.nanoTime() - lastProgress > 250_000_000L || n == orders) {
                collectFinals(pending, finals, deadLettered);
                progress(n, finals, deadLettered);
                lastProgress = System.nanoTime();
            }
        }
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
            collectFinals(pending, finals, deadLettered);
            progress(orders, finals, deadLettered);
        }
        Duration elapsed = Duration.between(started, Instant.now());
        out.println();
        return new DemoReport(tenant, orders, orders - refused.size(), refused, finals.values().stream().toList(),
                deadLettered.size(), List.copyOf(pending.keySet()), elapsed);
    }

    /** Moves orders that reached a final state (or whose message was dead-lettered) out of {@code pending}. */
    private void collectFinals(Map<String, String> pending, Map<String, JsonNode> finals, Set<String> deadLettered)
            throws IOException, InterruptedException {
        Set<String> deadCorrelations = new HashSet<>();
        HttpResponse<String> letters = get("/api/v1/tenants/" + tenant + "/dead-letters?limit=1000");
        if (letters.statusCode() == 200) {
            for (JsonNode letter : json.readTree(letters.body())) {
                JsonNode correlation = letter.get("correlationId");
                deadCorrelations.add(correlation == null || correlation.isNull() ? letter.get("messageId").asString()
                        : correlation.asString());
            }
        }
        for (var entry : new ArrayList<>(pending.entrySet())) {
            if (deadCorrelations.contains(entry.getValue())) {
                deadLettered.add(entry.getKey());
                pending.remove(entry.getKey());
                continue;
            }
            HttpResponse<String> response = get("/api/v1/tenants/" + tenant + "/orders/" + entry.getKey());
            if (response.statusCode() == 200) {
                JsonNode view = json.readTree(response.body());
                if (view.path("final").asBoolean(false)) {
                    finals.put(entry.getKey(), view);
                    pending.remove(entry.getKey());
                }
            }
        }
    }

    private void progress(int sent, Map<String, JsonNode> finals, Set<String> deadLettered) {
        int done = finals.size() + deadLettered.size();
        int width = 40;
        int filled = (int) Math.round(width * (double) done / orders);
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String line = String.format("[%s] sent %d/%d  final %d  (dead-lettered %d)", bar, sent, orders, done,
                deadLettered.size());
        if (interactive) {
            out.print("\r" + line);
        } else if (done == orders || sent % Math.max(1, orders / 10) == 0) {
            out.println(line);
        }
        out.flush();
    }

    private HttpResponse<String> post(String path, String idempotencyKey, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
