package dev.conveyor.sdk;

import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;

/** What the engine tells a handler about the message at hand, and what it lets the handler do. */
public interface HandlerContext {

    /** The tenant the message belongs to. */
    String tenantId();

    /** Stable id of the message: the same on every redelivery. */
    String messageId();

    /** How many times the queue has delivered this message, this delivery included (1 on the first). */
    long dequeueCount();

    /** Id shared by every message that descends from the same entry message. */
    String correlationId();

    /** When the message was first enqueued (the envelope's time). */
    Instant messageTime();

    /** The clock handlers should read instead of the system clock, so tests can drive time. */
    Clock clock();

    /** The transaction's entity manager, for the plugin's own entities. Do not commit or close it. */
    EntityManager entityManager();

    /**
     * A Spring Data repository of the plugin's (an interface extending {@code org.springframework.data.repository.Repository}
     * over one of its entities), working in this message's transaction. Row-level security limits it to this tenant.
     */
    <R> R repository(Class<R> repositoryType);

    /**
     * Sends {@code message} to {@code queue}, which the stage must declare in its {@code emits}. The message is
     * written to the outbox in the same transaction and sent after commit.
     */
    <T> void send(Queue<T> queue, T message);

    /**
     * Like {@link #send} but delivered at {@code at}: up to 7 days ahead the queue itself holds it back (initial
     * visibility); further ahead it waits in Postgres until one scheduler releases it. To cancel or move it,
     * have the handler that receives it check whether it is still current (for example by a version number).
     */
    <T> void schedule(Queue<T> queue, T message, Instant at);

    /**
     * Runs {@code call} once this handler's transaction has committed, outside any transaction and holding no
     * database connection, then hands its result to {@code outcome} in a second, short transaction. Use it for every
     * call out of the platform ({@link EgressHttp} is only handed to such calls) and other slow work, so that a slow
     * server never holds a connection of the shared pool.
     *
     * <p>Should the process stop between the two transactions, the outcome is never recorded and the message is
     * not redelivered (its inbox entry committed with the first). A handler that must not lose the call records its
     * intent in its own transaction and schedules a recovery message that repeats the call unless the outcome was
     * recorded meanwhile (send an idempotency key, so the receiver recognises a repeat).
     */
    <R> void afterCommit(OutboundCall<R> call, OutboundCall.Outcome<R> outcome);

    /**
     * Publishes an event about {@code subject}, recorded in this handler's transaction (so it exists exactly when the
     * handler's other effects do). After commit it reaches the subject's and the tenant's live streams on every
     * instance, the tenant's webhook endpoints subscribed to its type, and the subject's tracking page. The type must
     * be one of the plugin's {@link DomainPlugin#eventTypes()}; its data must hold no personal data.
     */
    <T> void publish(EventType<T> type, Subject subject, T data);

    /**
     * Asks the platform to tell {@code notification}'s recipient, recorded in this handler's transaction: nothing is
     * sent if the handler fails, and each channel chosen for it is delivered once after the commit, with retries and
     * a delivery record per channel that the tenant reads per subject and per recipient. Say what happened in the
     * data; the wording is the tenant's template's.
     */
    void notify(NotificationRequest notification);
}
