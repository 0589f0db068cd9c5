package dev.conveyor.engine.delivery;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.claim.ClaimMissingException;
import dev.conveyor.engine.claim.ClaimReference;
import dev.conveyor.engine.claim.ClaimStore;
import dev.conveyor.engine.budget.TenantBudgets;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.GroupCommit;
import dev.conveyor.engine.deadletter.DeadLetters;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetter;
import dev.conveyor.engine.deadletter.FailureDescription;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.engine.event.EventLog;
import dev.conveyor.engine.notification.Notifications;
import dev.conveyor.engine.envelope.EnvelopeCodec.QueueContext;
import dev.conveyor.engine.envelope.MalformedMessageException;
import dev.conveyor.engine.outage.Outages;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.OutboxMessage;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.queue.LeaseLostException;
import dev.conveyor.engine.queue.ReceivedMessage;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.telemetry.MessageTracing;
import dev.conveyor.engine.telemetry.StageMeters;
import dev.conveyor.engine.telemetry.Telemetry;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.engine.validation.BeanValidation;
import dev.conveyor.sdk.EgressHttp;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.sdk.Violation;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Processes one received message with exactly-once effects: in one transaction the inbox row (a duplicate
 * means already done), the handler's writes and its outbox rows; after commit the outbox is sent and the
 * message deleted. The transaction is shared with the stage's other messages in flight ({@link GroupCommit}), so at
 * saturation one commit carries many. Failures are retried with back-off, then dead-lettered; undecodable messages at
 * once.
 */
public final class MessageProcessor {

    private static final Logger log = LoggerFactory.getLogger(MessageProcessor.class);

    /** How long a message first waits for the database or storage to come back; doubled up to the last wait. */
    private static final Duration FIRST_OUTAGE_WAIT = Duration.ofSeconds(1);
    private static final Duration LAST_OUTAGE_WAIT = Duration.ofSeconds(15);

    private final Database database;
    private final EnvelopeCodec codec;
    private final Outbox outbox;
    private final OutgoingMessages outgoing;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Optional<ClaimStore> claims;
    private final AfterCommitCalls afterCommit;
    private final BeanValidation validation;
    private final EventLog events;
    private final Notifications notifications;
    private final Telemetry telemetry;

    /**
     * A handler's transaction's results: what it emitted, the calls to make once it committed, and how long the handler's
     * work took (without the wait for its group's commit).
     */
    private record Committed(List<OutboxMessage> emitted, List<AfterCommitCalls.Pending<?>> calls, long handlerNanos) {
    }

    public MessageProcessor(Database database, EnvelopeCodec codec, Outbox outbox,
            OutgoingMessages outgoing, DeadLetters deadLetters, Clock clock, Optional<ClaimStore> claims, EgressHttp egress,
            BeanValidation validation, EventLog events, Notifications notifications, Telemetry telemetry) {
        this.database = requireNonNull(database, "database is null");
        this.codec = requireNonNull(codec, "codec is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.outgoing = requireNonNull(outgoing, "outgoing is null");
        this.deadLetters = requireNonNull(deadLetters, "deadLetters is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.claims = requireNonNull(claims, "claims is null");
        this.validation = requireNonNull(validation, "validation is null");
        this.events = requireNonNull(events, "events is null");
        this.notifications = requireNonNull(notifications, "notifications is null");
        this.telemetry = requireNonNull(telemetry, "telemetry is null");
        this.afterCommit = new AfterCommitCalls(database, outbox, outgoing, clock, egress, events, notifications);
    }

    /** A new group commit for the messages of one stage of one tenant, for {@link #process} (one per consumer). */
    GroupCommit groupCommit(TenantTopology topology, StageBinding stage) {
        // As a handler: a group's transaction waits for one of the tenant's connections as long as it takes.
        return new GroupCommit(work -> TenantBudgets.runAsHandler(() -> database.inTenantTransaction(stage.tenantId(),
                topology.plugin(), entityManager -> {
                    work.accept(entityManager);
                    return null;
                })), stage.queueName());
    }

    /**
     * Processes {@code message}, its transaction committed in {@code group}; never throws. {@code committed} is run once
     * the handler's transaction has committed (or the message turned out to be done already), before the sends, calls
     * and delete that follow: from then on the message needs no handler slot.
     */
    void process(TenantTopology topology, StageBinding stage, ReceivedMessage message, Lease lease, GroupCommit group,
            Runnable committed) {
        StageMeters meters = meters(topology, stage);
        meters.received();
        try {
            decodeAndProcess(topology, stage, message, lease, meters, group, committed);
        } finally {
            meters.finished();
        }
    }

    private void decodeAndProcess(TenantTopology topology, StageBinding stage, ReceivedMessage message, Lease lease,
            StageMeters meters, GroupCommit group, Runnable committed) {
        Envelope envelope;
        try {
            envelope = codec.decode(message.body(), new QueueContext(stage.tenantId(), stage.queueName(),
                    stage.entryQueue(), stage.messageType().name()), message.messageId(), message.insertedAt());
        } catch (MalformedMessageException e) {
            deadLetter(stage, message, null, e.getMessage(), e, lease, meters);
            return;
        }
        Span span = telemetry.tracing().startProcess(envelope.traceparent(), stage.tenantId(), stage.stageName(),
                stage.queueName(), envelope.id());
        // What every log line of this message carries (JSON logs show them as fields); ids only, no personal data.
        MDC.put("tenant", stage.tenantId());
        MDC.put("stage", stage.stageName());
        MDC.put("messageId", envelope.id());
        String traceId = span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : null;
        if (traceId != null) {
            MDC.put("traceId", traceId);
        }
        try (Scope ignored = span.makeCurrent()) {
            process(topology, stage, message, lease, envelope, meters, group, committed);
        } finally {
            span.end();
            MDC.remove("tenant");
            MDC.remove("stage");
            MDC.remove("messageId");
            MDC.remove("traceId");
        }
    }

    /** The meters of the stage, for the consumer to count what happens to leases outside a message's processing. */
    StageMeters meters(TenantTopology topology, StageBinding stage) {
        return telemetry.stage(stage.tenantId(), topology.plugin().id(), stage.stageName());
    }

    private void process(TenantTopology topology, StageBinding stage, ReceivedMessage message, Lease lease,
            Envelope envelope, StageMeters meters, GroupCommit group, Runnable handlerDone) {
        Object payload;
        try {
            checkAddressedTo(stage, envelope);
            // A claimed payload is fetched inside the transaction, once the inbox says it is still to be done.
            payload = envelope.dataRef() == null ? validPayload(envelope, stage) : null;
        } catch (MalformedMessageException e) {
            deadLetter(stage, message, envelope, e.getMessage(), e, lease, meters);
            return;
        }
        if (envelope.expiresAt() != null && envelope.expiresAt().isBefore(clock.instant())) {
            deadLetter(stage, message, envelope, "expired at " + envelope.expiresAt() + ", before it could be processed",
                    null, lease, meters);
            return;
        }
        if (message.dequeueCount() > stage.settings().maxDeliveries()) {
            boolean done;
            try {
                done = alreadyProcessed(stage, envelope.id());
            } catch (RuntimeException e) {
                log.warn("{}/{}: could not look message {} up in the inbox; it comes back after its lease: {}",
                        stage.tenantId(), stage.stageName(), envelope.id(), FailureDescription.of(e));
                lease.finish();
                return;
            }
            if (done) {
                // Done before, but its delete never reached the queue service (it was away): just delete it.
                delete(message, lease, meters);
                return;
            }
            // Delivered more often than allowed without completing: its handler may crash the process.
            deadLetter(stage, message, envelope, "delivered " + message.dequeueCount() + " times without completing"
                    + " (maxDeliveries " + stage.settings().maxDeliveries() + ")", null, lease, meters);
            return;
        }
        Committed committed;
        Duration outageWait = FIRST_OUTAGE_WAIT;
        while (true) {
            Span handle = telemetry.tracing().startChild("handle", stage.stageName(), SpanKind.INTERNAL);
            try (Scope ignored = handle.makeCurrent()) {
                committed = group.run(entityManager -> {
                    long handlerStart = System.nanoTime();
                    if (!claimInbox(entityManager, stage, envelope.id())) {
                        return null;
                    }
                    EngineHandlerContext context = new EngineHandlerContext(topology, stage, envelope,
                            message.dequeueCount(), clock, entityManager, outgoing, database.repositories(topology.plugin()), events,
                            notifications);
                    invoke(stage.handler(), payload != null ? payload : claimed(envelope, stage), context);
                    entityManager.flush();
                    List<OutboxMessage> messages = context.emitted();
                    outbox.write(entityManager, messages);
                    return new Committed(messages, context.calls(), System.nanoTime() - handlerStart);
                });
                break;
            } catch (RuntimeException e) {
                Throwable failure = e instanceof HandlerFailure wrapped ? wrapped.getCause() : e;
                handle.setStatus(StatusCode.ERROR, failure.getClass().getName());
                if (!Outages.isOutage(failure)) {
                    onFailure(stage, message, envelope, failure, lease, meters);
                    return;
                }
                // Not the message's fault: keep its lease (renewed meanwhile) and try again once the dependency
                // answers, so the outage costs no delivery and dead-letters nothing.
                if (!awaitRecovery(stage, envelope, failure, lease, outageWait)) {
                    return;
                }
                outageWait = min(outageWait.multipliedBy(2), LAST_OUTAGE_WAIT);
            } finally {
                handle.end();
            }
        }
        handlerDone.run();
        if (committed == null) {
            meters.duplicate();
            log.debug("{}/{}: message {} was already processed; deleting the redelivery", stage.tenantId(),
                    stage.stageName(), envelope.id());
        } else {
            meters.processed(committed.handlerNanos(), Duration.between(envelope.time(), clock.instant()));
            Span publish = committed.emitted().isEmpty() && committed.calls().isEmpty() ? Span.getInvalid()
                    : telemetry.tracing().startChild("publish", stage.stageName(), SpanKind.PRODUCER);
            try (Scope ignored = publish.makeCurrent()) {
                outbox.publish(committed.emitted());
                // Before the delete, so the lease (renewed meanwhile) keeps the message from another consumer.
                afterCommit.run(topology, stage, envelope, message.dequeueCount(), committed.calls());
            } finally {
                publish.end();
            }
        }
        delete(message, lease, meters);
        if (envelope.dataRef() != null) {
            // verified before processing: this is the message's own blob
            ClaimReference reference = ClaimReference.verify(envelope.dataRef(), stage.tenantId(), envelope.id(),
                    stage.queueName());
            claims.ifPresent(store -> deleteClaim(store, reference));
        }
    }

    /**
     * Waits {@code wait} while the lease is held; false when the lease was lost or given back (the consumer is
     * stopping), in which case the message comes back to a consumer later.
     */
    private boolean awaitRecovery(StageBinding stage, Envelope envelope, Throwable failure, Lease lease, Duration wait) {
        if (!lease.held()) {
            log.info("{}/{}: message {} waited out an outage until its lease ended; it will be redelivered",
                    stage.tenantId(), stage.stageName(), envelope.id());
            return false;
        }
        log.warn("{}/{}: message {} waits {} ms for the infrastructure to answer (not counted as a delivery): {}",
                stage.tenantId(), stage.stageName(), envelope.id(), wait.toMillis(), FailureDescription.of(failure));
        try {
            lease.awaitEnd(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return lease.held();
    }

    private boolean alreadyProcessed(StageBinding stage, String messageId) {
        return database.inTenantTransaction(stage.tenantId(), entityManager -> Database.onConnection(entityManager,
                connection -> {
                    try (var statement = connection.prepareStatement(
                            "select 1 from inbox where tenant_id = ? and stage = ? and message_id = ?")) {
                        statement.setString(1, stage.tenantId());
                        statement.setString(2, stage.stageName());
                        statement.setString(3, messageId);
                        try (var row = statement.executeQuery()) {
                            return row.next();
                        }
                    }
                }));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private Object claimed(Envelope envelope, StageBinding stage) {
        ClaimStore store = claims.orElseThrow(() -> new MalformedMessageException("message " + envelope.id()
                + " keeps its data at " + envelope.dataRef() + ", but this deployment has no blob storage configured"));
        ClaimReference reference = ClaimReference.verify(envelope.dataRef(), stage.tenantId(), envelope.id(),
                stage.queueName());
        String data;
        try {
            data = store.get(reference);
        } catch (ClaimMissingException e) {
            throw new MalformedMessageException("the data of message " + envelope.id() + " at " + envelope.dataRef()
                    + " is gone", e);
        } catch (RuntimeException e) {
            throw new Outages.InfrastructureUnavailableException("the blob service did not return the claimed payload of"
                    + " message " + envelope.id(), e);
        }
        return validPayload(envelope.withData(codec.parse(data), envelope.dataRef()), stage);
    }

    /**
     * The message's data as its record, checked against the record's Bean Validation rules before any handler sees
     * it: a message that breaks them is permanent input (no retry can fix it) and is dead-lettered naming each path.
     */
    private Object validPayload(Envelope envelope, StageBinding stage) {
        Object payload = codec.payload(envelope, stage.messageType().javaType());
        List<Violation> violations = validation.violations(payload, "");
        if (!violations.isEmpty()) {
            throw new MalformedMessageException("data of " + envelope.type() + " message " + envelope.id()
                    + " breaks its rules: " + BeanValidation.summary(violations));
        }
        return payload;
    }

    private static void deleteClaim(ClaimStore store, ClaimReference reference) {
        try {
            store.delete(reference);
        } catch (RuntimeException e) {
            log.warn("could not delete the claimed payload {}; it stays in blob storage: {}", reference, e.toString());
        }
    }

    private static void checkAddressedTo(StageBinding stage, Envelope envelope) {
        if (!envelope.tenant().equals(stage.tenantId())) {
            throw new MalformedMessageException("message " + envelope.id() + " claims tenant "
                    + EnvelopeCodec.quoted(envelope.tenant()) + " but arrived on queue " + stage.queueName()
                    + " of tenant '" + stage.tenantId() + "'");
        }
        if (!envelope.type().equals(stage.messageType().name())) {
            throw new MalformedMessageException("message " + envelope.id() + " has type "
                    + EnvelopeCodec.quoted(envelope.type()) + " but queue " + stage.queueName() + " carries '"
                    + stage.messageType().name() + "'");
        }
        if (envelope.dataRef() != null) {
            // A claim reference names blob storage shared by every tenant: only the message's own blob will do.
            ClaimReference.verify(envelope.dataRef(), stage.tenantId(), envelope.id(), stage.queueName());
        }
    }

    private static boolean claimInbox(jakarta.persistence.EntityManager entityManager, StageBinding stage, String messageId) {
        return Database.execute(entityManager,
                "insert into inbox (tenant_id, stage, message_id) values (?, ?, ?) on conflict do nothing",
                stage.tenantId(), stage.stageName(), messageId) == 1;
    }

    @SuppressWarnings("unchecked")
    private static void invoke(Handler<?> handler, Object payload, EngineHandlerContext context) {
        if (handler == null) {
            throw new IllegalStateException("stage '" + context.stageName() + "' of tenant '" + context.tenantId()
                    + "' runs without a handler");
        }
        try {
            ((Handler<Object>) handler).handle(payload, context);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new HandlerFailure(e);
        }
    }

    private void onFailure(StageBinding stage, ReceivedMessage message, Envelope envelope, Throwable failure, Lease lease,
            StageMeters meters) {
        boolean permanent = failure instanceof PermanentFailure || failure instanceof MalformedMessageException;
        if (permanent || message.dequeueCount() >= stage.settings().maxDeliveries()) {
            String reason = permanent
                    ? "permanent failure: " + failure.getMessage()
                    : "failed " + message.dequeueCount() + " deliveries, last with " + FailureDescription.of(failure);
            deadLetter(stage, message, envelope, reason, failure, lease, meters);
            return;
        }
        meters.retried();
        try {
            deadLetters.recordAttempt(stage.tenantId(), stage.stageName(), envelope.id(), message.dequeueCount(), failure);
        } catch (RuntimeException e) {
            log.warn("{}/{}: could not record failed attempt of message {}: {}", stage.tenantId(), stage.stageName(),
                    envelope.id(), FailureDescription.of(e));
        }
        var delay = RetryPolicy.delayAfter(message.dequeueCount(), stage.settings());
        log.warn("{}/{}: message {} failed on delivery {} of {}, retrying in {} ms: {}", stage.tenantId(),
                stage.stageName(), envelope.id(), message.dequeueCount(), stage.settings().maxDeliveries(),
                delay.toMillis(), FailureDescription.of(failure));
        try {
            lease.release(delay);
        } catch (LeaseLostException e) {
            meters.leaseLost();
            log.info("{}/{}: lease on message {} lost before its retry was scheduled; it will be redelivered",
                    stage.tenantId(), stage.stageName(), envelope.id());
        }
    }

    private void deadLetter(StageBinding stage, ReceivedMessage message, Envelope envelope, String reason,
            Throwable error, Lease lease, StageMeters meters) {
        String messageId = envelope == null ? message.messageId() : envelope.id();
        log.error("{}/{}: dead-lettering message {} after {} deliveries: {}", stage.tenantId(), stage.stageName(),
                messageId, message.dequeueCount(), reason);
        try {
            deadLetters.deadLetter(new DeadLetter(stage.tenantId(), stage.stageName(), stage.queueName(), messageId,
                    envelope == null ? null : envelope.correlationId(), envelope == null ? null : envelope.type(),
                    message.body(), reason, error, message.dequeueCount()), stage.poisonQueueName());
        } catch (RuntimeException e) {
            // Not deleted: the message comes back after its lease and is dead-lettered then.
            log.error("{}/{}: could not dead-letter message {}; it stays on its queue: {}", stage.tenantId(),
                    stage.stageName(), messageId, FailureDescription.of(e));
            lease.finish();
            return;
        }
        meters.deadLettered();
        delete(message, lease, meters);
    }

    private void delete(ReceivedMessage message, Lease lease, StageMeters meters) {
        try {
            lease.delete();
        } catch (LeaseLostException e) {
            meters.leaseLost();
            log.info("lease on message {} of {} was lost before its delete; the redelivery will be skipped",
                    message.messageId(), message.queueName());
        } catch (RuntimeException e) {
            log.warn("could not delete message {} of {}; the redelivery will be skipped: {}", message.messageId(),
                    message.queueName(), e.toString());
        }
    }

    /** Carries a checked exception of a handler through the transaction callback. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Exception cause) {
            super(cause);
        }
    }
}
