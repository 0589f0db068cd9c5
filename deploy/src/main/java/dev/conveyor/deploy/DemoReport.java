package dev.conveyor.deploy;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** What the demo saw, and the summary it prints. */
record DemoReport(
        String tenant,
        int sent,
        int accepted,
        List<String> refused,
        List<JsonNode> finalOrders,
        int deadLettered,
        List<String> unfinished,
        Duration elapsed) {

    boolean everyOrderFinal() {
        return unfinished.isEmpty();
    }

    void print(PrintStream out) {
        List<JsonNode> notified = finalOrders.stream().filter(order -> "NOTIFIED".equals(order.path("status").asString())).toList();
        List<JsonNode> rejected = finalOrders.stream().filter(order -> "REJECTED".equals(order.path("status").asString())).toList();
        List<Long> latencies = notified.stream()
                .map(order -> Duration.between(Instant.parse(order.path("receivedAt").asString()),
                        Instant.parse(order.path("notifiedAt").asString())).toMillis())
                .sorted()
                .toList();
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        out.println();
        out.println("Conveyor demo summary: tenant '" + tenant + "' (logistics)");
        out.printf("  orders sent                    %6d%n", sent);
        out.printf("  orders accepted (HTTP 202)     %6d%n", accepted);
        if (!refused.isEmpty()) {
            out.printf("  orders refused by the API      %6d   first: %s%n", refused.size(), refused.getFirst());
        }
        out.printf("  delivered to notification      %6d%n", notified.size());
        out.printf("  rejected by dispatch           %6d%n", rejected.size());
        Map<String, Long> reasons = rejected.stream().collect(Collectors.groupingBy(
                order -> order.path("rejectionReason").asString().replaceAll("\\(served: .*\\)", "").strip(),
                Collectors.counting()));
        reasons.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(3)
                .forEach(reason -> out.printf("      %4d x %s%n", reason.getValue(), reason.getKey()));
        out.printf("  dead-lettered                  %6d%n", deadLettered);
        out.printf("  not final when the demo ended  %6d%n", unfinished.size());
        out.printf("  throughput                     %6.1f orders/s end to end (%d final in %.1f s; the demo paces its sending)%n",
                (finalOrders.size() + deadLettered) / seconds, finalOrders.size() + deadLettered, seconds);
        if (!latencies.isEmpty()) {
            out.printf("  enqueue-to-notification latency  p50 %d ms   p95 %d ms   p99 %d ms   max %d ms%n",
                    percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99), latencies.getLast());
        }
        if (!unfinished.isEmpty()) {
            out.println("  unfinished orders: " + String.join(", ", unfinished.stream().limit(10).toList())
                    + (unfinished.size() > 10 ? ", ..." : ""));
        }
        out.println(everyOrderFinal() ? "Every accepted order reached a final state." : "NOT every accepted order reached a final state.");
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(List<Long> sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

}
