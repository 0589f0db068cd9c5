package dev.conveyor.deploy;

import dev.conveyor.services.Percentiles;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** What the demo saw, per tenant, and the summary it prints. */
record DemoReport(List<TenantReport> tenants, Duration elapsed) {

    boolean everyRequestFinal() {
        return tenants.stream().allMatch(tenant -> tenant.unfinished.isEmpty());
    }

    void print(PrintStream out) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        int finals = tenants.stream().mapToInt(TenantReport::finals).sum();
        out.println();
        out.println("Conveyor demo summary");
        out.printf("  %-12s %-10s %8s %9s %9s %9s %9s   %s%n", "tenant", "plugin", "accepted", "completed", "turned",
                "dead-", "not", "end-to-end latency p50 / p95 / p99");
        out.printf("  %-12s %-10s %8s %9s %9s %9s %9s%n", "", "", "", "", "down", "lettered", "final");
        for (TenantReport tenant : tenants) {
            List<Long> latencies = tenant.sortedLatencies();
            String latency = latencies.isEmpty() ? "-" : "%d / %d / %d ms  (%s)".formatted(Percentiles.nearestRank(latencies, 50),
                    Percentiles.nearestRank(latencies, 95), Percentiles.nearestRank(latencies, 99), tenant.scenario.latencyLabel());
            out.printf("  %-12s %-10s %8d %9d %9d %9d %9d   %s%n", tenant.scenario.tenant(), tenant.scenario.plugin(),
                    tenant.accepted.get(), tenant.completed.get(), tenant.turnedDown.get(), tenant.deadLettered.get(),
                    tenant.unfinished.size(), latency);
        }
        for (TenantReport tenant : tenants) {
            tenant.topReasons(2).forEach((reason, count) -> out.printf("      %s: %d x %s%n", tenant.scenario.tenant(), count, reason));
            tenant.refused.stream().limit(2).forEach(refusal -> out.printf("      %s: refused by the API: %s%n",
                    tenant.scenario.tenant(), refusal));
            if (!tenant.unfinished.isEmpty()) {
                out.printf("      %s: not final: %s%n", tenant.scenario.tenant(),
                        String.join(", ", tenant.unfinished.stream().limit(5).toList()));
            }
        }
        out.printf("  throughput: %.1f requests/s end to end (%d reached their outcome in %.1f s; the demo paces its"
                + " sending)%n", finals / seconds, finals, seconds);
        out.println(everyRequestFinal() ? "Every accepted request reached a final state."
                : "NOT every accepted request reached a final state.");
    }

    /** One tenant's tally; filled in by the tracker thread while the producer runs. */
    static final class TenantReport {
        final DemoScenario scenario;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger turnedDown = new AtomicInteger();
        final AtomicInteger deadLettered = new AtomicInteger();
        final List<String> refused = new CopyOnWriteArrayList<>();
        final List<String> unfinished = new CopyOnWriteArrayList<>();
        private final List<Long> latencies = new CopyOnWriteArrayList<>();
        private final Map<String, Integer> reasons = new ConcurrentHashMap<>();

        TenantReport(DemoScenario scenario) {
            this.scenario = scenario;
        }

        void record(DemoScenario.Outcome outcome) {
            if (outcome.completed()) {
                completed.incrementAndGet();
            } else {
                turnedDown.incrementAndGet();
                reasons.merge(outcome.reason() == null ? "(no reason given)"
                        : outcome.reason().replaceAll("\\(served: .*\\)", "").strip(), 1, Integer::sum);
            }
            if (outcome.latencyMillis() != null) {
                latencies.add(outcome.latencyMillis());
            }
        }

        int finals() {
            return completed.get() + turnedDown.get() + deadLettered.get();
        }

        List<Long> sortedLatencies() {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return sorted;
        }

        Map<String, Integer> topReasons(int limit) {
            return reasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(limit)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, java.util.LinkedHashMap::new));
        }
    }
}
