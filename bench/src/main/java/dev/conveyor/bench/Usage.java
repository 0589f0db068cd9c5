package dev.conveyor.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.conveyor.services.Sql;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A snapshot of what a run consumes: storage operations, Postgres commits, this JVM's CPU time, the clock. */
record Usage(Map<String, Long> operationsByKind, long postgresCommits, long cpuNanos, long wallNanos) {

    static Usage now(StorageOperations operations, Sql sql) {
        long commits = sql.count("select xact_commit from pg_stat_database where datname = current_database()");
        return new Usage(operations.byKind(), commits, processCpuNanos(), System.nanoTime());
    }

    /** This JVM's CPU time so far (Azurite and Postgres are other processes). */
    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * The CPU time so far of this JVM's live Java threads (virtual threads' work is counted on their carriers): the
     * process's CPU less the JIT compilers and the garbage collector, which a short run under a loaded machine
     * charges unevenly; threads that ended are not counted, so use it over a window in which the workers live.
     */
    static long javaThreadsCpuNanos() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long id : threads.getAllThreadIds()) {
            long cpu = threads.getThreadCpuTime(id);
            sum += Math.max(0, cpu);
        }
        return sum;
    }

    Usage minus(Usage before) {
        Map<String, Long> kinds = new TreeMap<>(operationsByKind);
        before.operationsByKind.forEach((kind, count) -> kinds.merge(kind, -count, Long::sum));
        return new Usage(kinds, postgresCommits - before.postgresCommits,
                cpuNanos - before.cpuNanos, wallNanos - before.wallNanos);
    }

    long storageOperations() {
        return operationsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Storage operations per order, by kind; kinds that did not occur are left out. */
    Map<String, Double> operationsPerOrderByKind(int orders) {
        Map<String, Double> perOrder = new LinkedHashMap<>();
        operationsByKind.forEach((kind, count) -> {
            if (count != 0) {
                perOrder.put(kind, count / (double) orders);
            }
        });
        return perOrder;
    }

    /**
     * This JVM's CPU per storage operation in microseconds: everything the process did in the run divided by its
     * storage calls, so for the pipelines it includes the handlers, JDBC and the engine's own work too.
     */
    double cpuMicrosPerStorageCall() {
        return cpuNanos / 1e3 / Math.max(1, storageOperations());
    }

    double seconds() {
        return wallNanos / 1e9;
    }
}
