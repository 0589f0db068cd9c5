package dev.conveyor.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * Sends the demo tenants' traffic through the HTTP API, round-robin at a steady total pace (Azurite slows down as
 * its backlog grows, so the demo does not flood it), while a second thread follows every accepted request to its
 * outcome through the API.
 */
final class DemoTraffic {

    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(300);

    private final DemoApi api;
    private final List<DemoScenario> scenarios;
    private final int requests;
    private final double rate;
    private final PrintStream out;
    private final boolean interactive = System.console() != null;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, DemoReport.TenantReport> reports = new LinkedHashMap<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private volatile Instant lastFinalAt;
    private int lastPrintedDecile = -1;

    private record Pending(DemoScenario scenario, String key, String messageId) {
    }

    /**
     * @param requests how many requests in all, shared round-robin among the scenarios
     */
    DemoTraffic(DemoApi api, List<DemoScenario> scenarios, int requests, double rate, PrintStream out) {
        this.api = api;
        this.scenarios = List.copyOf(scenarios);
        this.requests = requests;
        this.rate = rate;
        this.out = out;
        scenarios.forEach(scenario -> reports.put(scenario.tenant(), new DemoReport.TenantReport(scenario)));
    }

    DemoReport run() throws IOException, InterruptedException {
        out.printf("Sending %d requests to %d tenants at %.0f/s in all ...%n", requests, scenarios.size(), rate);
        Instant started = Instant.now();
        lastFinalAt = started;
        Thread tracker = Thread.ofVirtual().name("demo-tracker").start(this::trackUntilSettled);
        long intervalNanos = (long) (1_000_000_000L / rate);
        long next = System.nanoTime();
        for (int n = 0; n < requests; n++) {
            LockSupport.parkNanos(next - System.nanoTime());
            next += intervalNanos;
            DemoScenario scenario = scenarios.get(n % scenarios.size());
            DemoScenario.Request request = scenario.request(n / scenarios.size() + 1);
            HttpResponse<String> response = api.post("/api/v1/tenants/" + scenario.tenant() + "/" + request.resource(),
                    request.key(), request.json(), "application/json");
            DemoReport.TenantReport report = reports.get(scenario.tenant());
            if (response.statusCode() == 202) {
                report.accepted.incrementAndGet();
                pending.put(scenario.tenant() + "/" + request.key(), new Pending(scenario, request.key(),
                        DemoScenario.JSON.readTree(response.body()).get("messageId").asString()));
            } else {
                report.refused.add(request.key() + ": HTTP " + response.statusCode() + " " + response.body());
                done.incrementAndGet();
            }
            sent.incrementAndGet();
        }
        tracker.join();
        out.println();
        List<DemoReport.TenantReport> tenants = new ArrayList<>(reports.values());
        pending.values().forEach(left -> reports.get(left.scenario().tenant()).unfinished.add(left.key()));
        return new DemoReport(tenants, Duration.between(started, lastFinalAt));
    }

    /** Polls until every request was sent and reached its outcome, or the settle timeout passed after the last send. */
    private void trackUntilSettled() {
        Instant deadline = null;
        while (true) {
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            boolean allSent = sent.get() == requests;
            try {
                collectOutcomes();
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

    private void collectOutcomes() throws IOException, InterruptedException {
        Map<String, Set<String>> deadCorrelations = new LinkedHashMap<>();
        for (DemoScenario scenario : scenarios) {
            Set<String> correlations = new HashSet<>();
            HttpResponse<String> letters = api.get("/api/v1/tenants/" + scenario.tenant() + "/dead-letters?limit=1000");
            if (letters.statusCode() == 200) {
                for (JsonNode letter : DemoScenario.JSON.readTree(letters.body())) {
                    JsonNode correlation = letter.get("correlationId");
                    correlations.add(correlation == null || correlation.isNull() ? letter.get("messageId").asString()
                            : correlation.asString());
                }
            }
            deadCorrelations.put(scenario.tenant(), correlations);
        }
        for (var entry : new ArrayList<>(pending.entrySet())) {
            Pending request = entry.getValue();
            DemoReport.TenantReport report = reports.get(request.scenario().tenant());
            if (deadCorrelations.get(request.scenario().tenant()).contains(request.messageId())) {
                report.deadLettered.incrementAndGet();
                finish(entry.getKey());
                continue;
            }
            var outcome = request.scenario().outcome(api, request.key());
            if (outcome.isPresent()) {
                report.record(outcome.get());
                finish(entry.getKey());
            }
        }
    }

    private void finish(String pendingKey) {
        pending.remove(pendingKey);
        done.incrementAndGet();
        lastFinalAt = Instant.now();
    }

    private void progress() {
        int width = 40;
        int finished = done.get();
        int filled = (int) Math.round(width * (double) finished / requests);
        String line = String.format("[%s%s] sent %d/%d  done %d", "#".repeat(filled), ".".repeat(width - filled),
                sent.get(), requests, finished);
        if (interactive) {
            out.print("\r" + line);
        } else {
            // Without a terminal, a line per tenth of the way instead of a redrawn bar.
            int decile = finished * 10 / requests;
            if (decile == lastPrintedDecile) {
                return;
            }
            lastPrintedDecile = decile;
            out.println(line);
        }
        out.flush();
    }
}
