package dev.conveyor.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** One row of the benchmark's table: what ran and its figures (null where a figure does not apply). */
record Result(
        String name,
        Double ordersPerSecond,
        Double storageOpsPerSecond,
        Double storageOpsPerOrder,
        Double postgresCommitsPerOrder,
        Double cpuMillisPerOrder,
        Double cpuMicrosPerStorageCall,
        Long p50Millis,
        Long p95Millis,
        Long p99Millis,
        String note,
        Map<String, Double> opsPerOrderByKind) {

    Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", name);
        map.put("ordersPerSecond", ordersPerSecond);
        map.put("storageOpsPerSecond", storageOpsPerSecond);
        map.put("storageOpsPerOrder", storageOpsPerOrder);
        map.put("postgresCommitsPerOrder", postgresCommitsPerOrder);
        map.put("cpuMillisPerOrder", cpuMillisPerOrder);
        map.put("cpuMicrosPerStorageCall", cpuMicrosPerStorageCall);
        map.put("latencyP50Millis", p50Millis);
        map.put("latencyP95Millis", p95Millis);
        map.put("latencyP99Millis", p99Millis);
        map.put("note", note);
        map.put("storageOpsPerOrderByKind", opsPerOrderByKind);
        return map;
    }
}
