package dev.conveyor.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.conveyor.testkit.Sql;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.TreeMap;

/** A snapshot of what a run consumes: storage operations, Postgres commits, this JVM's CPU time, the clock. */
record Usage(long storageOperations, Map<String, Long> operationsByKind, long postgresCommits, long cpuNanos,
        long wallNanos) {

    static Usage now(StorageOperations operations, Sql sql) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long commits = sql.count("select xact_commit from pg_stat_database where datname = current_database()");
        return new Usage(operations.count(), operations.byKind(), commits, os.getProcessCpuTime(), System.nanoTime());
    }

    Usage minus(Usage before) {
        Map<String, Long> kinds = new TreeMap<>(operationsByKind);
        before.operationsByKind.forEach((kind, count) -> kinds.merge(kind, -count, Long::sum));
        return new Usage(storageOperations - before.storageOperations, kinds, postgresCommits - before.postgresCommits,
                cpuNanos - before.cpuNanos, wallNanos - before.wallNanos);
    }

    double seconds() {
        return wallNanos / 1e9;
    }
}
