package dev.conveyor.engine.activity;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A tenant's stages as every process running them reports them (read from {@code stage_activity}, so workers in other
 * processes count as much as this one's), with the queue figures of the last backlog poll: what the console shows.
 */
public final class PipelineActivity {

    /** Processed per minute is counted over this window. */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(1);
    /** Processed and failed totals, and the p95, are over this window. */
    public static final Duration RECENT_WINDOW = Duration.ofMinutes(15);
    /** A process's in-flight count older than this is its last word before it stopped: not counted. */
    static final Duration IN_FLIGHT_FRESH = Duration.ofSeconds(10);

    private final Database database;
    private final Clock clock;
    private final Backlogs backlogs;

    /** The queues of one tenant as last polled, by stage name: empty when not polled (yet). */
    @FunctionalInterface
    public interface Backlogs {
        Map<String, Waiting> of(String tenantId);
    }

    /** A stage queue's approximate depth and its oldest visible message ({@code null} when none is visible). */
    public record Waiting(long messages, Instant oldest) {
    }

    /**
     * One stage's figures: processed in the last minute, processed and failed (retried or dead-lettered) in the last
     * {@link #RECENT_WINDOW}, the p95 of handler time over it as the upper bound of its bucket in milliseconds
     * ({@code null} when nothing was processed), messages in flight in every process now, and the queue's depth and
     * oldest waiting message ({@code null} when not polled).
     */
    public record StageFigures(String stage, long perMinute, long processed, long failed, Long p95Millis, int inFlight,
            Long depth, Instant oldestWaiting) {

        /** A stage that did nothing lately and whose queue was not polled. */
        public static StageFigures idle(String stage) {
            return new StageFigures(stage, 0, 0, 0, null, 0, null, null);
        }

        /** The same figures with the queue's depth read elsewhere (a page that just asked the queue). */
        public StageFigures withDepth(Long messages) {
            return new StageFigures(stage, perMinute, processed, failed, p95Millis, inFlight, messages, oldestWaiting);
        }
    }

    /** A tenant at a glance: messages its stages processed in the last minute, and its oldest waiting message. */
    public record TenantFigures(String tenantId, long perMinute, Instant oldestWaiting) {
    }

    public PipelineActivity(Database database, Clock clock, Backlogs backlogs) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.backlogs = requireNonNull(backlogs, "backlogs is null");
    }

    /** The tenant's stages that were active or polled, by name (a stage missing here was idle). */
    public Map<String, StageFigures> stages(String tenantId) {
        Instant now = clock.instant();
        Map<String, Counting> counting = new TreeMap<>();
        // Within the tenant's transaction: row-level security shows no other tenant's rows, whatever the query says.
        database.inTenantTransaction(tenantId, entityManager -> Database.onConnection(entityManager, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select stage, bucket_start, process_id, processed, failed, handler_times, in_flight, updated_at
                    from stage_activity where tenant_id = ? and bucket_start >= ?""")) {
                select.setString(1, tenantId);
                select.setTimestamp(2, Timestamp.from(now.minus(RECENT_WINDOW)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        counting.computeIfAbsent(rows.getString("stage"), stage -> new Counting()).add(rows, now);
                    }
                }
            }
            return null;
        }));
        Map<String, Waiting> waiting = backlogs.of(tenantId);
        Map<String, StageFigures> figures = new TreeMap<>();
        counting.forEach((stage, counted) -> figures.put(stage, counted.figures(stage, waiting.get(stage))));
        waiting.forEach((stage, queue) -> figures.computeIfAbsent(stage, name -> new Counting().figures(name, queue)));
        return figures;
    }

    /** Each of {@code tenantIds} at a glance (one query for all of them); tenants with nothing to show are absent. */
    public Map<String, TenantFigures> tenants(Collection<String> tenantIds) {
        if (tenantIds.isEmpty()) {
            return Map.of();
        }
        Instant now = clock.instant();
        Map<String, Long> perMinute = new HashMap<>();
        database.inPlatformTransaction(entityManager -> Database.onConnection(entityManager, connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    select tenant_id, sum(processed) as processed from stage_activity
                    where tenant_id = any (?) and bucket_start > ? group by tenant_id""")) {
                select.setArray(1, connection.createArrayOf("text", tenantIds.toArray(String[]::new)));
                select.setTimestamp(2, Timestamp.from(now.minus(RATE_WINDOW)));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        perMinute.put(rows.getString("tenant_id"), rows.getLong("processed"));
                    }
                }
            }
            return null;
        }));
        Map<String, TenantFigures> figures = new HashMap<>();
        for (String tenantId : tenantIds) {
            Instant oldest = backlogs.of(tenantId).values().stream().map(Waiting::oldest)
                    .filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
            long rate = perMinute.getOrDefault(tenantId, 0L);
            if (rate > 0 || oldest != null) {
                figures.put(tenantId, new TenantFigures(tenantId, rate, oldest));
            }
        }
        return figures;
    }

    /** One stage's rows summed: buckets of every process, each process's newest in-flight count. */
    private static final class Counting {
        private long perMinute;
        private long processed;
        private long failed;
        private final long[] handlerTimes = new long[HandlerTimes.BUCKETS];
        private final Map<UUID, Instant> newestOfProcess = new HashMap<>();
        private final Map<UUID, Integer> inFlightOfProcess = new HashMap<>();

        void add(ResultSet row, Instant now) throws java.sql.SQLException {
            long rowProcessed = row.getLong("processed");
            processed += rowProcessed;
            failed += row.getLong("failed");
            if (row.getTimestamp("bucket_start").toInstant().isAfter(now.minus(RATE_WINDOW))) {
                perMinute += rowProcessed;
            }
            Array times = row.getArray("handler_times");
            Object[] counts = (Object[]) times.getArray();
            for (int i = 0; i < Math.min(counts.length, handlerTimes.length); i++) {
                handlerTimes[i] += counts[i] == null ? 0 : ((Number) counts[i]).longValue();
            }
            UUID process = row.getObject("process_id", UUID.class);
            Instant updated = row.getTimestamp("updated_at").toInstant();
            Instant newest = newestOfProcess.get(process);
            if (newest == null || updated.isAfter(newest)) {
                newestOfProcess.put(process, updated);
                inFlightOfProcess.put(process, updated.isAfter(now.minus(IN_FLIGHT_FRESH)) ? row.getInt("in_flight") : 0);
            }
        }

        StageFigures figures(String stage, Waiting waiting) {
            int inFlight = inFlightOfProcess.values().stream().mapToInt(Integer::intValue).sum();
            return new StageFigures(stage, perMinute, processed, failed, HandlerTimes.quantileMillis(handlerTimes, 0.95),
                    inFlight, waiting == null ? null : waiting.messages(), waiting == null ? null : waiting.oldest());
        }
    }

    /** Every stage of {@code stages} with its figures, idle ones at zero. */
    public static List<StageFigures> completed(Collection<String> stages, Map<String, StageFigures> figures) {
        return stages.stream().map(stage -> figures.getOrDefault(stage, StageFigures.idle(stage))).toList();
    }
}
