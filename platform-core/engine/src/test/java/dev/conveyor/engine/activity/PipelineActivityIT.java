package dev.conveyor.engine.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.MutableClock;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stage activity on real Postgres, counted by two recorders as two processes running the same stage would: the figures
 * the console reads are their sum; idle stages write nothing; a stopped process's in-flight count stops counting; old
 * buckets are purged; a tenant reads only its own rows.
 */
final class PipelineActivityIT {

    private static final Sql sql = Sql.asOwner();
    private static DatabasePools pools;
    private static Database database;

    @BeforeAll
    static void open() {
        pools = TestEngines.pools(TestServices.get().database(), List.of(), 2);
        database = new Database(pools, List.of());
    }

    @AfterAll
    static void close() {
        database.close();
        pools.close();
    }

    @Test
    void figuresOfTwoProcessesAddUpAndAPercentileIsReadFromTheirMergedBuckets() {
        String tenant = tenant();
        MutableClock clock = new MutableClock(Instant.now());
        ActivityRecorder web = new ActivityRecorder(database, clock);
        ActivityRecorder worker = new ActivityRecorder(database, clock);
        PipelineActivity activity = new PipelineActivity(database, clock, id -> id.equals(tenant)
                ? Map.of("dispatch", new PipelineActivity.Waiting(7, clock.instant().minusSeconds(30)))
                : Map.of());

        StageActivity first = web.stage(tenant, "dispatch");
        for (int i = 0; i < 10; i++) {
            first.started();
            first.processed(Duration.ofMillis(3).toNanos());
            first.finished();
        }
        StageActivity second = worker.stage(tenant, "dispatch");
        for (int i = 0; i < 10; i++) {
            second.started();
            second.processed(Duration.ofMillis(700).toNanos());
            second.finished();
        }
        second.started();
        second.failed();
        second.started();
        // One more in the other process, still running.
        first.started();
        worker.stage(tenant, "tracking").started();

        assertThat(web.flush()).isEqualTo(1);
        assertThat(worker.flush()).isEqualTo(2);

        Map<String, PipelineActivity.StageFigures> stages = activity.stages(tenant);
        assertThat(stages.get("dispatch")).satisfies(dispatch -> {
            assertThat(dispatch.perMinute()).isEqualTo(20);
            assertThat(dispatch.processed()).isEqualTo(20);
            assertThat(dispatch.failed()).isEqualTo(1);
            assertThat(dispatch.inFlight()).isEqualTo(3);
            // Half the messages took 3 ms, half 700 ms: the p95 lies in the 500-1000 ms bucket of the sum.
            assertThat(dispatch.p95Millis()).isEqualTo(1_000);
            assertThat(dispatch.depth()).isEqualTo(7);
            assertThat(dispatch.oldestWaiting()).isEqualTo(clock.instant().minusSeconds(30));
        });
        assertThat(stages.get("tracking").inFlight()).isEqualTo(1);
        assertThat(activity.tenants(List.of(tenant, "no-such-tenant"))).containsOnlyKeys(tenant)
                .extractingByKey(tenant).satisfies(figures -> {
                    assertThat(figures.perMinute()).isEqualTo(20);
                    assertThat(figures.oldestWaiting()).isEqualTo(clock.instant().minusSeconds(30));
                });

        // More in the same bucket adds to the row; a later bucket is a row of its own.
        first.processed(Duration.ofMillis(1).toNanos());
        first.finished();
        web.flush();
        clock.advance(Duration.ofSeconds(ActivityRecorder.BUCKET_SECONDS));
        second.processed(Duration.ofMillis(1).toNanos());
        second.finished();
        second.finished();
        worker.flush();
        assertThat(activity.stages(tenant).get("dispatch")).satisfies(dispatch -> {
            assertThat(dispatch.processed()).isEqualTo(22);
            assertThat(dispatch.inFlight()).isZero();
        });

        // Out of the rate window, still in the recent one.
        clock.advance(Duration.ofMinutes(2));
        assertThat(activity.stages(tenant).get("dispatch")).satisfies(dispatch -> {
            assertThat(dispatch.perMinute()).isZero();
            assertThat(dispatch.processed()).isEqualTo(22);
            // The tracking message's process has said nothing for two minutes: it is not counted as in flight.
            assertThat(activity.stages(tenant).get("tracking").inFlight()).isZero();
        });
    }

    @Test
    void idleStagesWriteNothingAndAnInFlightCountThatDropsIsWrittenOnce() {
        String tenant = tenant();
        MutableClock clock = new MutableClock(Instant.now());
        ActivityRecorder recorder = new ActivityRecorder(database, clock);
        for (int i = 0; i < 1_000; i++) {
            recorder.stage(tenant + "-idle-" + i, "dispatch");
        }
        assertThat(recorder.flush()).isZero();

        StageActivity stage = recorder.stage(tenant, "dispatch");
        stage.started();
        assertThat(recorder.flush()).isEqualTo(1);
        assertThat(recorder.flush()).as("still in flight: said again").isEqualTo(1);
        stage.finished();
        assertThat(recorder.flush()).as("back to zero: said once").isEqualTo(1);
        assertThat(recorder.flush()).isZero();
        assertThat(sql.count("select count(*) from stage_activity where tenant_id like ?", tenant + "-idle-%")).isZero();
    }

    @Test
    void bucketsOlderThanTheRetentionArePurged() {
        String tenant = tenant();
        MutableClock clock = new MutableClock(Instant.now().minus(Duration.ofHours(2)));
        ActivityRecorder recorder = new ActivityRecorder(database, clock);
        recorder.stage(tenant, "dispatch").failed();
        recorder.flush();
        clock.advance(Duration.ofHours(2));
        recorder.stage(tenant, "dispatch").failed();
        recorder.flush();
        assertThat(sql.count("select count(*) from stage_activity where tenant_id = ?", tenant)).isEqualTo(2);

        assertThat(recorder.purge(Duration.ofHours(1))).isGreaterThanOrEqualTo(1);

        assertThat(sql.count("select count(*) from stage_activity where tenant_id = ?", tenant)).isEqualTo(1);
    }

    @Test
    void aTenantsReadShowsOnlyItsOwnRows() {
        String tenant = tenant();
        String other = tenant();
        MutableClock clock = new MutableClock(Instant.now());
        ActivityRecorder recorder = new ActivityRecorder(database, clock);
        recorder.stage(other, "dispatch").processed(1_000);
        recorder.flush();

        assertThat(new PipelineActivity(database, clock, id -> Map.of()).stages(tenant)).isEmpty();
        assertThat(sql.row("select relrowsecurity, relforcerowsecurity from pg_class where relname = 'stage_activity'"))
                .containsEntry("relrowsecurity", true).containsEntry("relforcerowsecurity", true);
    }

    private static String tenant() {
        return "activity-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
