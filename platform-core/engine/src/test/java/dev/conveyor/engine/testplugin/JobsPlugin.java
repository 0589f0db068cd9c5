package dev.conveyor.engine.testplugin;

import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Persistence;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Setting;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A two-stage plugin for engine tests: Jobs -> worker -> Results -> recorder. Each stage records one effect
 * row per message it handles; a job's behaviour makes the worker fail in chosen ways.
 */
public final class JobsPlugin implements DomainPlugin<JobsPlugin.Settings> {

    public static final Queue<Job> JOBS = Queue.of("Jobs", "test.job.v1", Job.class);
    public static final Queue<Result> RESULTS = Queue.of("Results", "test.result.v1", Result.class);
    public static final MessageType<Job> JOB = JOBS.messageType();
    public static final MessageType<Result> RESULT = RESULTS.messageType();
    public static final Stage<Job> WORKER = Stage.of("worker", JOBS, RESULTS);
    public static final Stage<Result> RECORDER = Stage.of("recorder", RESULTS);

    /** One secret setting, which the secrets tests store and read back. */
    public record Settings(@Setting(help = "a token for a service the jobs would call", secret = true) String apiToken) {
    }

    /** Whether the bug that "buggy" jobs hit is fixed yet: tests fix it before replaying their dead letters. */
    public static volatile boolean bugFixed;

    /** "slow" jobs wait here until the test opens the gate, counting how often they were started. */
    public static volatile java.util.concurrent.CountDownLatch slowGate = new java.util.concurrent.CountDownLatch(0);
    public static final java.util.concurrent.atomic.AtomicInteger slowStarts = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * "hold" jobs run {@link #HOLD_QUERY} (so the connection they hold shows in {@code pg_stat_activity}), then wait
     * for this gate inside their transaction; {@link #holding} counts those waiting now, {@link #mostHolding} the peak.
     */
    public static volatile java.util.concurrent.CountDownLatch holdGate = new java.util.concurrent.CountDownLatch(0);
    public static final String HOLD_QUERY = "select 'a jobs test handler holding its connection'";
    public static final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
    public static final java.util.concurrent.atomic.AtomicInteger mostHolding = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A job; {@code notes} is free text, large in the claim-check test. A missing id is the worker's own rule (a
     * permanent failure it reports); the behaviour's length is a Bean Validation rule the engine checks.
     */
    public record Job(String jobId, @Size(max = 40, message = "must be at most 40 characters") String behaviour,
            String notes) {

        public Job(String jobId, String behaviour) {
            this(jobId, behaviour, null);
        }
    }

    public record Result(String jobId, @PositiveOrZero(message = "must not be negative") long workerAttempt) {
    }

    @Override
    public String id() {
        return "jobs";
    }

    @Override
    public Topology topology() {
        return Topology.of(WORKER, RECORDER);
    }

    @Override
    public Class<Settings> settingsType() {
        return Settings.class;
    }

    @Override
    public Handlers handlers(Settings settings) {
        return Handlers.builder()
                .on(WORKER, JobsPlugin::work)
                .on(RECORDER, (result, context) -> recordEffect(context, result.jobId(), "recorder", 0))
                .build();
    }

    @Override
    public Persistence persistence() {
        return Persistence.of("classpath:db/enginetest", JobNote.class);
    }

    @Override
    public List<IngestRoute<?>> ingestRoutes() {
        return List.of(IngestRoute.of("jobs", JOBS));
    }

    /** How many notes a job left, read through the repository; the token says whether the settings reached it. */
    public record NoteCount(String jobId, long notes, boolean tokenSet) {
    }

    @Override
    public List<View<?>> views() {
        return List.of(View.of("notes", "jobId", NoteCount.class, (jobId, context) -> {
            long notes = context.repository(JobNotes.class).countByJobId(jobId);
            return notes == 0 ? Optional.empty() : Optional.of(new NoteCount(jobId, notes,
                    context.settings(Settings.class).apiToken() != null));
        }));
    }

    /** Saves a note per job given (JSON or CSV, at most 5), as one request. */
    @Override
    public List<Action<?>> actions() {
        return List.of(Action.of("job-notes", Job.class, Set.of(Action.InputFormat.JSON, Action.InputFormat.CSV), 5,
                (jobs, context) -> {
                    jobs.forEach(job -> context.repository(JobNotes.class).save(new JobNote(job.jobId())));
                    return java.util.Map.of("saved", jobs.size());
                }));
    }

    private static void work(Job job, HandlerContext context) {
        if (job.jobId() == null || job.jobId().isBlank()) {
            // what a well-behaved plugin does with input no retry can fix
            throw new PermanentFailure("job is invalid: [jobId: is required]");
        }
        switch (job.behaviour() == null ? "ok" : job.behaviour()) {
            case "fail-twice" -> {
                if (context.dequeueCount() <= 2) {
                    throw new IllegalStateException("transient failure " + context.dequeueCount() + " of job " + job.jobId());
                }
            }
            case "always-fail" -> throw new IllegalStateException("boom: job " + job.jobId() + " always fails");
            case "permanent" -> throw new PermanentFailure("job " + job.jobId() + " can never succeed");
            case "slow" -> {
                slowStarts.incrementAndGet();
                try {
                    if (!slowGate.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("slow job " + job.jobId() + " was never let through");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("slow job " + job.jobId() + " was interrupted", e);
                }
            }
            case "duplicate-key" -> {
                // The second insert fails with Postgres' unique violation, whose detail quotes the job id.
                for (int i = 0; i < 2; i++) {
                    context.entityManager().createNativeQuery(
                            "insert into engine_test_unique (tenant_id, job_id) values (?1, ?2)")
                            .setParameter(1, context.tenantId())
                            .setParameter(2, job.jobId())
                            .executeUpdate();
                }
            }
            case "hold" -> {
                context.entityManager().createNativeQuery(HOLD_QUERY).getSingleResult();
                mostHolding.accumulateAndGet(holding.incrementAndGet(), Math::max);
                try {
                    if (!holdGate.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new IllegalStateException("held job " + job.jobId() + " was never let through");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("held job " + job.jobId() + " was interrupted", e);
                } finally {
                    holding.decrementAndGet();
                }
            }
            case "note" -> context.repository(JobNotes.class).save(new JobNote(job.jobId()));
            case "result-in-3s" -> {
                // the result is held back on its queue: only its recorder's consumer waking when it shows receives it
                recordEffect(context, job.jobId(), "worker", 0);
                context.schedule(RESULTS, new Result(job.jobId(), context.dequeueCount()),
                        context.clock().instant().plusSeconds(3));
                return;
            }
            case "buggy" -> {
                if (!bugFixed) {
                    throw new IllegalStateException("bug: job " + job.jobId() + " hits a bug not fixed yet");
                }
            }
            default -> {
            }
        }
        recordEffect(context, job.jobId(), "worker", job.notes() == null ? 0 : job.notes().length());
        context.send(RESULTS, new Result(job.jobId(), context.dequeueCount()));
    }

    private static void recordEffect(HandlerContext context, String jobId, String stage, int notesLength) {
        context.entityManager().createNativeQuery("""
                insert into engine_test_effect (tenant_id, job_id, stage, attempt, notes_length) values (?1, ?2, ?3, ?4, ?5)""")
                .setParameter(1, context.tenantId())
                .setParameter(2, jobId)
                .setParameter(3, stage)
                .setParameter(4, context.dequeueCount())
                .setParameter(5, notesLength)
                .executeUpdate();
    }
}
