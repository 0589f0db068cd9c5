package dev.conveyor.engine.delivery;

import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.outbox.OutboxMessage;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.OutboundCall;
import dev.conveyor.sdk.TenantConfig;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The context of one handler invocation; collects what the handler emits for the outbox. */
final class EngineHandlerContext implements HandlerContext {

    private final TenantTopology topology;
    private final StageBinding stage;
    private final Envelope envelope;
    private final long dequeueCount;
    private final Clock clock;
    private final EntityManager entityManager;
    private final OutgoingMessages outgoing;
    private final List<OutboxMessage> emitted = new ArrayList<>();
    private final boolean callsAllowed;
    private final List<AfterCommitCalls.Pending<?>> calls = new ArrayList<>();

    EngineHandlerContext(TenantTopology topology, StageBinding stage, Envelope envelope, long dequeueCount, Clock clock,
            EntityManager entityManager, OutgoingMessages outgoing) {
        this(topology, stage, envelope, dequeueCount, clock, entityManager, outgoing, true);
    }

    /** @param callsAllowed false for the context of a call's outcome, which may not start another call */
    EngineHandlerContext(TenantTopology topology, StageBinding stage, Envelope envelope, long dequeueCount, Clock clock,
            EntityManager entityManager, OutgoingMessages outgoing, boolean callsAllowed) {
        this.callsAllowed = callsAllowed;
        this.topology = topology;
        this.stage = stage;
        this.envelope = envelope;
        this.dequeueCount = dequeueCount;
        this.clock = clock;
        this.entityManager = entityManager;
        this.outgoing = outgoing;
    }

    @Override
    public String tenantId() {
        return topology.tenant().id();
    }

    @Override
    public String messageId() {
        return envelope.id();
    }

    @Override
    public long dequeueCount() {
        return dequeueCount;
    }

    @Override
    public String correlationId() {
        return envelope.correlationId();
    }

    @Override
    public Instant messageTime() {
        return envelope.time();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public EntityManager entityManager() {
        return entityManager;
    }

    @Override
    public TenantConfig config() {
        return topology.config();
    }

    @Override
    public void emit(String queue, Object payload) {
        schedule(queue, payload, clock.instant());
    }

    @Override
    public void schedule(String queue, Object payload, Instant at) {
        if (!stage.stage().emits().contains(queue)) {
            throw new IllegalArgumentException("stage '" + stage.stageName() + "' may emit to " + stage.stage().emits()
                    + ", not '" + queue + "'; declare the queue in the stage's emits");
        }
        emitted.addAll(outgoing.create(topology, queue, payload,
                "/tenants/" + tenantId() + "/stages/" + stage.stageName(), envelope.correlationId(),
                envelope.traceparent(), at));
    }

    @Override
    public <R> void afterCommit(OutboundCall<R> call, OutboundCall.Outcome<R> outcome) {
        if (!callsAllowed) {
            throw new IllegalStateException("stage '" + stage.stageName() + "' asked for a call from a call's outcome;"
                    + " an outcome records what happened and may not start another call (schedule a message instead)");
        }
        calls.add(new AfterCommitCalls.Pending<>(call, outcome));
    }

    List<AfterCommitCalls.Pending<?>> calls() {
        return List.copyOf(calls);
    }

    List<OutboxMessage> emitted() {
        return List.copyOf(emitted);
    }
}
