package dev.conveyor.engine.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.PeekedMessageItem;
import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetter;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetterFilter;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.queue.QueueNames;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Resolving dead letters under concurrency, on real Postgres and Azurite: of N simultaneous replays and discards of
 * one dead letter exactly one wins and the rest conflict, and exactly one message goes back to the queue; a bulk
 * discard takes only the matches, at most its limit, and a letter replayed meanwhile is resolved once. The
 * worker stage is disabled, so what a replay sends stays on its queue to be counted.
 */
final class DeadLetterResolutionIT {

    private static final EnvelopeCodec codec = new EnvelopeCodec();
    private static final int CALLERS = 10;

    @RegisterExtension
    static final EngineForClass engine = new EngineForClass(TestEngines::jobs);

    @Test
    void ofTenConcurrentReplaysOneWinsTheOthersConflictAndOneMessageIsSent() throws Exception {
        String tenant = newTenant();
        long id = deadLetter(tenant);

        List<Object> outcomes = concurrently(CALLERS, caller -> () -> engine.get().deadLetters().replay(tenant, id, "caller-" + caller));

        assertThat(outcomes).filteredOn(outcome -> outcome instanceof DeadLetters.DeadLetterSummary).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome instanceof ConflictException).hasSize(CALLERS - 1);
        assertThat(engine.get().deadLetters().get(tenant, id).summary().status()).isEqualTo("REPLAYED");
        await().atMost(Duration.ofSeconds(10)).until(() -> unsentOutboxRows(tenant) == 0);
        assertThat(engine.get().transport(tenant).approximateDepth(queue(tenant))).isEqualTo(1);
        engine.get().tenants().delete(tenant, true);
    }

    @Test
    void ofConcurrentReplaysAndDiscardsExactlyOneWins() throws Exception {
        String tenant = newTenant();
        long id = deadLetter(tenant);

        List<Object> outcomes = concurrently(CALLERS, caller -> () -> caller % 2 == 0
                ? engine.get().deadLetters().replay(tenant, id, "caller-" + caller)
                : engine.get().deadLetters().discard(tenant, id, "caller-" + caller));

        assertThat(outcomes).filteredOn(outcome -> outcome instanceof DeadLetters.DeadLetterSummary).hasSize(1);
        assertThat(outcomes).filteredOn(outcome -> outcome instanceof ConflictException).hasSize(CALLERS - 1);
        String status = engine.get().deadLetters().get(tenant, id).summary().status();
        await().atMost(Duration.ofSeconds(10)).until(() -> unsentOutboxRows(tenant) == 0);
        assertThat(engine.get().transport(tenant).approximateDepth(queue(tenant))).isEqualTo(status.equals("REPLAYED") ? 1 : 0);
        engine.get().tenants().delete(tenant, true);
    }

    @Test
    void concurrentReplaysOfEveryMatchReplayEachDeadLetterOnce() throws Exception {
        String tenant = newTenant();
        for (int i = 0; i < 5; i++) {
            deadLetter(tenant);
        }

        List<Object> outcomes = concurrently(3, caller -> () -> engine.get().deadLetters().replayMatching(tenant,
                DeadLetterFilter.ALL, "caller-" + caller));

        assertThat(outcomes.stream().mapToInt(outcome -> (Integer) outcome).sum()).isEqualTo(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> unsentOutboxRows(tenant) == 0);
        assertThat(engine.get().transport(tenant).approximateDepth(queue(tenant))).isEqualTo(5);
        engine.get().tenants().delete(tenant, true);
    }

    @Test
    void discardingEveryMatchTakesOnlyTheMatchesAndSaysWhatRemains() {
        String tenant = newTenant();
        List<Long> timeouts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            timeouts.add(deadLetter(tenant, "read timed out after 5 s"));
        }
        long other = deadLetter(tenant, "not valid JSON");
        DeadLetterFilter timedOut = new DeadLetterFilter(null, "TIMED OUT", null, null, null);

        assertThat(engine.get().deadLetters().countUnresolved(tenant, timedOut)).isEqualTo(3);
        DeadLetters.BulkResolution first = engine.get().deadLetters().discardMatching(tenant, timedOut, "operator", 2);
        assertThat(first).isEqualTo(new DeadLetters.BulkResolution(2, 1));
        DeadLetters.BulkResolution second = engine.get().deadLetters().discardMatching(tenant, timedOut, "operator", 2);
        assertThat(second).isEqualTo(new DeadLetters.BulkResolution(1, 0));

        assertThat(timeouts).allSatisfy(id -> assertThat(engine.get().deadLetters().get(tenant, id).summary().status())
                .isEqualTo("DISCARDED"));
        assertThat(engine.get().deadLetters().get(tenant, other).summary().status()).isEqualTo("DEAD");
        assertThat(engine.get().transport(tenant).approximateDepth(QueueNames.poison(queue(tenant)))).isEqualTo(1);
        assertThat(engine.get().transport(tenant).approximateDepth(queue(tenant))).isZero();
        assertThatThrownBy(() -> engine.get().deadLetters().discardMatching(tenant, timedOut, "operator",
                DeadLetters.MAX_BULK + 1)).isInstanceOf(ValidationException.class).hasMessageContaining("call again");
        engine.get().tenants().delete(tenant, true);
    }

    @Test
    void aLetterReplayedWhileEveryMatchIsDiscardedIsResolvedOnceByWhicheverCameFirst() throws Exception {
        String tenant = newTenant();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(deadLetter(tenant, "failed for the test"));
        }
        long contested = ids.get(10);

        List<Object> outcomes = concurrently(2, caller -> () -> caller == 0
                ? engine.get().deadLetters().discardMatching(tenant, DeadLetterFilter.ALL, "bulk", DeadLetters.MAX_BULK)
                : engine.get().deadLetters().replay(tenant, contested, "single"));

        DeadLetters.BulkResolution bulk = (DeadLetters.BulkResolution) outcomes.get(0);
        boolean replayWon = outcomes.get(1) instanceof DeadLetters.DeadLetterSummary;
        assertThat(replayWon || outcomes.get(1) instanceof ConflictException).as(outcomes.get(1).toString()).isTrue();
        assertThat(bulk.resolved()).isEqualTo(replayWon ? 19 : 20);
        assertThat(bulk.remaining()).isZero();
        assertThat(engine.get().deadLetters().get(tenant, contested).summary().status())
                .isEqualTo(replayWon ? "REPLAYED" : "DISCARDED");
        assertThat(engine.get().deadLetters().list(tenant, new DeadLetterFilter(null, null, null, null, "DISCARDED"), 0, 100))
                .hasSize(replayWon ? 19 : 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> unsentOutboxRows(tenant) == 0);
        assertThat(engine.get().transport(tenant).approximateDepth(queue(tenant))).isEqualTo(replayWon ? 1 : 0);
        engine.get().tenants().delete(tenant, true);
    }

    @Test
    void aPoisonCopyExpiresWithTheRetention() {
        String tenant = newTenant();
        deadLetter(tenant);

        PeekedMessageItem copy = new QueueClientBuilder().connectionString(TestServices.get().storageConnectionString())
                .queueName(QueueNames.poison(queue(tenant))).buildClient().peekMessage();

        assertThat(copy.getExpirationTime().toInstant())
                .isBetween(Instant.now().plus(Duration.ofDays(7)).minusSeconds(120), Instant.now().plus(Duration.ofDays(7)));
        engine.get().tenants().delete(tenant, true);
    }

    /** Runs {@code calls} at once (released together); each outcome is the call's result or what it threw. */
    private static List<Object> concurrently(int count, java.util.function.IntFunction<Callable<Object>> calls)
            throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(count);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
            for (int caller = 0; caller < count; caller++) {
                Callable<Object> call = calls.apply(caller);
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return call.call();
                }));
            }
            ready.await();
            go.countDown();
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> future : futures) {
            try {
                outcomes.add(future.get());
            } catch (ExecutionException e) {
                outcomes.add(e.getCause());
            }
        }
        return outcomes;
    }

    private static String newTenant() {
        String tenant = "dl-" + UUID.randomUUID().toString().substring(0, 8);
        StageOverride disabled = new StageOverride(false, null, null, null, null, null, null, null);
        engine.get().tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of("worker", disabled), null));
        return tenant;
    }

    private static long deadLetter(String tenant) {
        return deadLetter(tenant, "failed for the test");
    }

    /** Dead-letters a job of the tenant's worker stage as the processor would, for {@code reason}; returns its id. */
    private static long deadLetter(String tenant, String reason) {
        String messageId = UUID.randomUUID().toString();
        String body = codec.encode(new Envelope(messageId, JobsPlugin.JOB.name(), "/test", Instant.now(), tenant,
                messageId, null, null, null, codec.toTree(new JobsPlugin.Job("job-" + messageId, "ok"))));
        String queue = queue(tenant);
        engine.get().deadLetters().deadLetter(new DeadLetter(tenant, "worker", queue, messageId, messageId,
                JobsPlugin.JOB.name(), body, reason, null, 1), QueueNames.poison(queue));
        return engine.get().deadLetters().list(tenant, DeadLetterFilter.ALL, 0, 100).stream()
                .filter(letter -> letter.messageId().equals(messageId)).findFirst().orElseThrow().id();
    }

    private static String queue(String tenant) {
        return engine.get().topologies().of(tenant).stages().getFirst().queue();
    }

    private static long unsentOutboxRows(String tenant) {
        return engine.get().database().inTenantTransaction(tenant, entityManager -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox where tenant_id = ?1").setParameter(1, tenant)
                .getSingleResult()).longValue());
    }
}
