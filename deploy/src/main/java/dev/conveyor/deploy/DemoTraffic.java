package dev.conveyor.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the demo's orders through the HTTP API at a steady pace (Azurite slows down as its backlog grows, so the
 * demo does not flood it) while a second thread follows each accepted order to a final state through the API.
 */
final class DemoTraffic {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final DemoApi api;
    private final String tenant;
    private final int orders;
    private final double rate;
    private final PrintStream out;
    private final JsonMapper json = JsonMapper.builder().build();
    private final boolean interactive = System.console() != null;

    private final Map<String, String> pending = new ConcurrentHashMap<>(); // orderId -> messageId
    private final Map<String, JsonNode> finals = new ConcurrentHashMap<>();
    private final Set<String> deadLettered = ConcurrentHashMap.newKeySet();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();
    private volatile Instant lastFinalAt;
    private int lastPrintedDecile = -1;

    DemoTraffic(DemoApi api, String tenant, int orders, double rate, PrintStream out) {
        this.api = api;
        this.tenant = tenant;
        this.orders = orders;
        this.rate = rate;
        this.out = out;
    }

    DemoReport run() throws IOException, InterruptedException {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss"));
        DemoOrders generator = new DemoOrders(new Random(), runId);
        out.printf("Sending %d orders to tenant '%s' at %.0f orders/s ...%n", orders, tenant, rate);
        Instant started = Instant.now();
        lastFinalAt = started;
        Thread tracker = Thread.ofVirtual().name("demo-tracker").start(this::trackUntilSettled);
        long intervalNanos = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        for (int n = 1; n <= orders; n++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += intervalNanos;
            Map<String, Object> order = generator.order(n);
            String orderId = (String) order.get("orderId");
            HttpResponse<String> response = api.post("/api/v1/tenants/" + tenant + "/orders", orderId,
                    json.writeValueAsString(order));
            if (response.statusCode() == 202) {
                pending.put(orderId, json.readTree(response.body()).get("messageId").asString());
            } else {
                refused.add(orderId + ": HTTP " + response.statusCode() + " " + response.body());
            }
            sent.incrementAndGet();
        }
        tracker.join();
        out.println();
        return new DemoReport(tenant, orders, orders - refused.size(), List.copyOf(refused), List.copyOf(finals.values()),
                deadLettered.size(), List.copyOf(pending.keySet()), Duration.between(started, lastFinalAt));
    }

    /** Polls until every order was sent and reached a final state, or the settle timeout passed after the last send. */
    private void trackUntilSettled() {
        Instant deadline = null;
        while (true) {
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            boolean allSent = sent.get() == orders;
            try {
                collectFinals();
            } catch (IOException e) {
                out.println("\n(could not poll the API: " + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            progress();
            if (allSent && pending.isEmpty()) {
                return;
            }
            if (allSent) {
                deadline = deadline == null ? Instant.now().plus(SETTLE_TIMEOUT) : deadline;
                if (Instant.now().isAfter(deadline)) {
                    return;
                }
            }
        }
    }

    /** Moves orders that reached a final state (or whose message was dead-lettered) out of {@code pending}. */
    private void collectFinals() throws IOException, InterruptedException {
        Set<String> deadCorrelations = new HashSet<>();
        HttpResponse<String> letters = api.get("/api/v1/tenants/" + tenant + "/dead-letters?limit=1000");
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
                lastFinalAt = Instant.now();
                continue;
            }
            HttpResponse<String> response = api.get("/api/v1/tenants/" + tenant + "/orders/" + entry.getKey());
            if (response.statusCode() == 200) {
                JsonNode view = json.readTree(response.body());
                if (view.path("final").asBoolean(false)) {
                    finals.put(entry.getKey(), view);
                    pending.remove(entry.getKey());
                    lastFinalAt = Instant.now();
                }
            }
        }
    }

    private void progress() {
        int done = finals.size() + deadLettered.size();
        int width = 40;
        int filled = (int) Math.round(width * (double) done / orders);
        String line = String.format("[%s%s] sent %d/%d  final %d  (dead-lettered %d)", "#".repeat(filled),
                ".".repeat(width - filled), sent.get(), orders, done, deadLettered.size());
        if (interactive) {
            out.print("\r" + line);
        } else {
            // Without a terminal, a line per tenth of the way instead of a redrawn bar.
            int decile = done * 10 / orders;
            if (decile == lastPrintedDecile) {
                return;
            }
            lastPrintedDecile = decile;
            out.println(line);
        }
        out.flush();
    }
}
