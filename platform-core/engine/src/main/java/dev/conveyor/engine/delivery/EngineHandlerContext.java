package dev.conveyor.engine.delivery;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.event.EventLog;
import dev.conveyor.engine.notification.Notifications;
import dev.conveyor.engine.outbox.OutboxMessage;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.persistence.Repositories;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.telemetry.MessageTracing;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.NotificationRequest;
import dev.conveyor.sdk.OutboundCall;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Subject;
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
    private final Repositories repositories;
    private final EventLog events;
    private final Notifications notifications;
    private final List<OutboxMessage> emitted = new ArrayList<>();
    private final boolean callsAllowed;
    private final List<AfterCommitCalls.Pending<?>> calls = new ArrayList<>();

    EngineHandlerContext(TenantTopology topology, StageBinding stage, Envelope envelope, long dequeueCount, Clock clock,
            EntityManager entityManager, OutgoingMessages outgoing, Repositories repositories, EventLog events,
            Notifications notifications) {
        this(topology, stage, envelope, dequeueCount, clock, entityManager, outgoing, repositories, events, notifications,
                true);
    }

    /** @param callsAllowed false for the context of a call's outcome, which may not start another call */
    EngineHandlerContext(TenantTopology topology, StageBinding stage, Envelope envelope, long dequeueCount, Clock clock,
            EntityManager entityManager, OutgoingMessages outgoing, Repositories repositories, EventLog events,
            Notifications notifications, boolean callsAllowed) {
        this.callsAllowed = callsAllowed;
        this.topology = topology;
        this.stage = stage;
        this.envelope = envelope;
        this.dequeueCount = dequeueCount;
        this.clock = clock;
        this.entityManager = entityManager;
        this.outgoing = outgoing;
        this.repositories = repositories;
        this.events = events;
        this.notifications = notifications;
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
    public <R> R repository(Class<R> repositoryType) {
        return repositories.get(repositoryType);
    }

    @Override
    public <T> void send(Queue<T> queue, T message) {
        schedule(queue, message, clock.instant());
    }

    @Override
    public <T> void schedule(Queue<T> queue, T message, Instant at) {
        requireNonNull(queue, "queue is null");
        requireNonNull(message, "message is null");
        requireNonNull(at, "at is null");
        if (!stage.stage().emits().contains(queue)) {
            throw new IllegalStateException("stage '" + stage.stageName() + "' may send to "
                    + stage.stage().emits().stream().map(Queue::name).toList() + ", not '" + queue.name()
                    + "'; declare the queue in the stage's emits");
        }
        emitted.addAll(outgoing.create(topology, queue.name(), message,
                "/tenants/" + tenantId() + "/stages/" + stage.stageName(), envelope.correlationId(),
                MessageTracing.currentTraceparent(envelope.traceparent()), at));
    }

    @Override
    public <R> void afterCommit(OutboundCall<R> call, OutboundCall.Outcome<R> outcome) {
        if (!callsAllowed) {
            throw new IllegalStateException("stage '" + stage.stageName() + "' asked for a call from a call's outcome;"
                    + " an outcome records what happened and may not start another call (schedule a message instead)");
        }
        calls.add(new AfterCommitCalls.Pending<>(call, outcome));
    }

    @Override
    public <T> void publish(EventType<T> type, Subject subject, T data) {
        events.record(entityManager, topology.plugin(), tenantId(), envelope.correlationId(), type, subject, data);
    }

    @Override
    public void notify(NotificationRequest notification) {
        notifications.record(entityManager, tenantId(), envelope.correlationId(), notification);
    }

    List<AfterCommitCalls.Pending<?>> calls() {
        return List.copyOf(calls);
    }

    String stageName() {
        return stage.stageName();
    }

    List<OutboxMessage> emitted() {
        return List.copyOf(emitted);
    }
}
