package dev.conveyor.engine.activity;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's {@link StageActivity} per tenant and stage, and their flush into {@code stage_activity}: one row per
 * (tenant, stage, {@value #BUCKET_SECONDS}-second bucket, process), added to at each flush. A flush writes only the
 * stages where something happened (or whose in-flight count changed), so idle tenants cost neither a write nor a
 * query; a busy stage costs one row per bucket per process, written in one batched statement with the others.
 */
public final class ActivityRecorder {

    private static final Logger log = LoggerFactory.getLogger(ActivityRecorder.class);

    static final int BUCKET_SECONDS = 10;

    private final Database database;
    private final Clock clock;
    private final UUID processId = UUID.randomUUID();
    private final ConcurrentMap<Key, StageActivity> stages = new ConcurrentHashMap<>();

    private record Key(String tenantId, String stage) {
    }

    public ActivityRecorder(Database database, Clock clock) {
        this.database = requireNonNull(database, "database is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The counters of one stage of one tenant in this process, made on first use and kept. */
    public StageActivity stage(String tenantId, String stage) {
        Key key = new Key(tenantId, stage);
        StageActivity activity = stages.get(key);
        return activity != null ? activity : stages.computeIfAbsent(key, k -> new StageActivity());
    }

    /** Writes what happened since the last flush; returns how many stages had something to write. */
    public synchronized int flush() {
        Instant now = clock.instant();
        Instant bucket = Instant.ofEpochSecond(now.getEpochSecond() - Math.floorMod(now.getEpochSecond(), BUCKET_SECONDS));
        List<Map.Entry<Key, StageActivity.Drained>> rows = new ArrayList<>();
        stages.forEach((key, activity) -> {
            StageActivity.Drained drained = activity.drain();
            if (drained != null) {
                rows.add(Map.entry(key, drained));
            }
        });
        if (rows.isEmpty()) {
            return 0;
        }
        try {
            database.inPlatformTransaction(entityManager -> Database.onConnection(entityManager, connection -> {
                try (PreparedStatement upsert = connection.prepareStatement("""
                        insert into stage_activity as a (tenant_id, stage, bucket_start, process_id, processed, failed,
                                                         handler_times, in_flight, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id, stage, bucket_start, process_id) do update set
                            processed = a.processed + excluded.processed,
                            failed = a.failed + excluded.failed,
                            handler_times = (select array_agg(coalesce(old, 0) + coalesce(new, 0) order by n)
                                             from unnest(a.handler_times, excluded.handler_times)
                                                  with ordinality as t(old, new, n)),
                            in_flight = excluded.in_flight,
                            updated_at = excluded.updated_at""")) {
                    for (var row : rows) {
                        StageActivity.Drained drained = row.getValue();
                        Long[] times = new Long[drained.handlerTimes().length];
                        for (int i = 0; i < times.length; i++) {
                            times[i] = drained.handlerTimes()[i];
                        }
                        upsert.setString(1, row.getKey().tenantId());
                        upsert.setString(2, row.getKey().stage());
                        upsert.setTimestamp(3, Timestamp.from(bucket));
                        upsert.setObject(4, processId);
                        upsert.setLong(5, drained.processed());
                        upsert.setLong(6, drained.failed());
                        upsert.setArray(7, connection.createArrayOf("bigint", times));
                        upsert.setInt(8, drained.inFlight());
                        upsert.setTimestamp(9, Timestamp.from(now));
                        upsert.addBatch();
                    }
                    upsert.executeBatch();
                }
                return null;
            }));
        } catch (RuntimeException e) {
            // The counts are not lost: they go out with the next flush.
            rows.forEach(row -> stages.get(row.getKey()).restore(row.getValue()));
            throw e;
        }
        rows.forEach(row -> stages.get(row.getKey()).written(row.getValue().inFlight()));
        return rows.size();
    }

    /** As {@link #flush()}, logging rather than throwing: for the engine's close. */
    public void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("the last stage activity was not written: {}", e.toString());
        }
    }

    /** Deletes buckets older than {@code retention}; returns how many rows went. */
    public int purge(Duration retention) {
        Instant before = clock.instant().minus(retention);
        return database.inPlatformTransaction(entityManager -> Database.execute(entityManager,
                "delete from stage_activity where bucket_start < ?", Timestamp.from(before)));
    }
}
