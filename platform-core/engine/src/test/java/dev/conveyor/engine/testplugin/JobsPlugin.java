package dev.conveyor.engine.testplugin;

import dev.conveyor.sdk.ConfigProperty;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.MessageType;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A two-stage plugin for engine tests: Jobs -> worker -> Results -> recorder. Each stage records one effect
 * row per message it handles; a job's behaviour makes the worker fail in chosen ways.
 */
public final class JobsPlugin implements DomainPlugin {

    public static final MessageType<Job> JOB = MessageType.of("test.job.v1", Job.class,
            job -> job.jobId() == null || job.jobId().isBlank() ? List.of(new Violation("jobId", "is required")) : List.of());
    public static final MessageType<Result> RESULT = MessageType.of("test.result.v1", Result.class);

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

    /** A job; {@code notes} is free text, large in the claim-check test. */
    public record Job(String jobId, String behaviour, String notes) {

        public Job(String jobId, String behaviour) {
            this(jobId, behaviour, null);
        }
    }

    public record Result(String jobId, long workerAttempt) {
    }

    @Override
    public String id() {
        return "jobs";
    }

    @Override
    public Topology topology() {
        return Topology.builder()
                .queue("Jobs", JOB)
                .queue("Results", RESULT)
                .stage(StageDefinition.of("worker", "Jobs", "Results"))
                .stage(StageDefinition.of("recorder", "Results"))
                .build();
    }

    @Override
    public Map<String, Handler<?>> handlers() {
        Handler<Job> worker = JobsPlugin::work;
        Handler<Result> recorder = (result, context) -> recordEffect(context, result.jobId(), "recorder", 0);
        return Map.of("worker", worker, "recorder", recorder);
    }

    @Override
    public Optional<String> migrationsLocation() {
        return Optional.of("classpath:db/enginetest");
    }

    /** One secret setting, which the secrets tests store and read back. */
    @Override
    public List<ConfigProperty> configProperties() {
        return List.of(ConfigProperty.secret("apiToken", "a token for a service the jobs would call"));
    }

    @Override
    public List<IngestRoute> ingestRoutes() {
        return List.of(new IngestRoute("jobs", "Jobs"));
    }

    private static void work(Job job, HandlerContext context) {
        List<Violation> violations = JOB.validate(job);
        if (!violations.isEmpty()) {
            // what a well-behaved plugin does with input no retry can fix
            throw new PermanentFailure("job is invalid: " + violations);
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
            case "buggy" -> {
                if (!bugFixed) {
                    throw new IllegalStateException("bug: job " + job.jobId() + " hits a bug not fixed yet");
                }
            }
            default -> {
            }
        }
        recordEffect(context, job.jobId(), "worker", job.notes() == null ? 0 : job.notes().length());
        context.emit("Results", new Result(job.jobId(), context.dequeueCount()));
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
