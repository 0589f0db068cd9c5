package dev.conveyor.engine.delivery;

import static java.util.Objects.requireNonNull;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.envelope.Envelope;
import dev.conveyor.engine.event.EventLog;
import dev.conveyor.engine.notification.Notifications;
import dev.conveyor.engine.outbox.Outbox;
import dev.conveyor.engine.outbox.OutboxMessage;
import dev.conveyor.engine.outbox.OutgoingMessages;
import dev.conveyor.engine.tenant.StageBinding;
import dev.conveyor.engine.tenant.TenantTopology;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.EgressHttp;
import dev.conveyor.sdk.OutboundCall;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the calls a handler asked for ({@link dev.conveyor.sdk.HandlerContext#afterCommit}) once its transaction
 * has committed: each outside any transaction (holding no pooled connection), those of one message side by side,
 * then each outcome in a short transaction of its own, whose emits go through the outbox like a handler's. Runs
 * on the message's own handler thread, so a slow server delays only the stage that calls it, within its
 * concurrency.
 */
final class AfterCommitCalls {

    private static final Logger log = LoggerFactory.getLogger(AfterCommitCalls.class);

    /** A call and what records its result. */
    record Pending<R>(OutboundCall<R> call, OutboundCall.Outcome<R> outcome) {
        Pending {
            requireNonNull(call, "call is null");
            requireNonNull(outcome, "outcome is null");
        }
    }

    private final Database database;
    private final Outbox outbox;
    private final OutgoingMessages outgoing;
    private final Clock clock;
    private final EgressHttp egress;
    private final EventLog events;
    private final Notifications notifications;

    AfterCommitCalls(Database database, Outbox outbox, OutgoingMessages outgoing, Clock clock, EgressHttp egress,
            EventLog events, Notifications notifications) {
        this.events = events;
        this.notifications = notifications;
        this.database = requireNonNull(database, "database is null");
        this.outbox = requireNonNull(outbox, "outbox is null");
        this.outgoing = requireNonNull(outgoing, "outgoing is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.egress = requireNonNull(egress, "egress is null");
    }

    /** Runs {@code calls} and records their outcomes; never throws. */
    void run(TenantTopology topology, StageBinding stage, Envelope envelope, long dequeueCount, List<Pending<?>> calls) {
        if (calls.size() == 1) {
            runOne(topology, stage, envelope, dequeueCount, calls.getFirst());
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (Pending<?> pending : calls) {
            threads.add(Thread.ofVirtual().name("call-" + stage.queueName())
                    .start(() -> runOne(topology, stage, envelope, dequeueCount, pending)));
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private <R> void runOne(TenantTopology topology, StageBinding stage, Envelope envelope, long dequeueCount, Pending<R> pending) {
        R result;
        try {
            result = pending.call().call(egress);
        } catch (RuntimeException e) {
            log.error("{}/{}: a call made for message {} threw instead of returning its failure; its outcome is not recorded",
                    stage.tenantId(), stage.stageName(), envelope.id(), e);
            return;
        }
        DomainPlugin<?> plugin = topology.plugin();
        try {
            List<OutboxMessage> emitted = database.inTenantTransaction(stage.tenantId(), plugin, entityManager -> {
                EngineHandlerContext context = new EngineHandlerContext(topology, stage, envelope, dequeueCount, clock,
                        entityManager, outgoing, database.repositories(plugin), events, notifications, false);
                try {
                    pending.outcome().record(result, context);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                entityManager.flush();
                List<OutboxMessage> messages = context.emitted();
                outbox.write(entityManager, messages);
                return messages;
            });
            outbox.publish(emitted);
        } catch (RuntimeException e) {
            log.error("{}/{}: could not record the outcome of a call made for message {}; the handler's recovery, if it "
                    + "scheduled one, repeats the call", stage.tenantId(), stage.stageName(), envelope.id(), e);
        }
    }
}
