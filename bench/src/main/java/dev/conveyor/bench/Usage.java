package dev.conveyor.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.conveyor.testkit.Sql;
import java.lang.management.ManagementFactory;

/** A snapshot of what a run consumes: storage operations, Postgres commits, this JVM's CPU time, the clock. */
record Usage(long storageOperations, long postgresCommits, long cpuNanos, long wallNanos) {

    static Usage now(StorageOperations operations, Sql sql) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long commits = sql.count("select xact_commit from pg_stat_database where datname = current_database()");
        return new Usage(operations.count(), commits, os.getProcessCpuTime(), System.nanoTime());
    }

    Usage minus(Usage before) {
        return new Usage(storageOperations - before.storageOperations, postgresCommits - before.postgresCommits,
                cpuNanos - before.cpuNanos, wallNanos - before.wallNanos);
    }

    double seconds() {
        return wallNanos / 1e9;
    }
}
