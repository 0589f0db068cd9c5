package dev.conveyor.testkit.unit;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.EgressHttp;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.NotificationRequest;
import dev.conveyor.sdk.OutboundCall;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Subject;
import dev.conveyor.services.MutableClock;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@link HandlerContext} for unit tests of one handler: it records every message the handler sends or schedules
 * (checked against the stage's declared {@code emits}, as the engine checks them), keeps the calls it asks to run
 * after commit so the test runs them against a fake {@link EgressHttp}, and reads a {@link MutableClock}.
 * Repositories and an entity manager are there only when the test gives them ({@link #withRepository},
 * {@link #withEntityManager}); a handler that reaches for one it was not given fails with a message naming it.
 *
 * <pre>{@code
 * TestHandlerContext context = TestHandlerContext.forStage(LogisticsPlugin.DISPATCH).withRepository(Orders.class, orders);
 * new DispatchHandler(settings).handle(order, context);
 * assertThat(context.sent(LogisticsPlugin.DISPATCH_QUEUE)).singleElement().extracting(DispatchPrepared::hub).isEqualTo("BOS");
 * }</pre>
 */
public final class TestHandlerContext implements HandlerContext {

    /** A message the handler sent ({@code at} null) or scheduled. */
    public record Sent(String queue, Object message, Instant at) {
    }

    /** An event the handler published. */
    public record Published(EventType<?> type, Subject subject, Object data) {
    }

    /** A call the handler asked to run after commit, with the outcome that records its result. */
    public record PendingCall<R>(OutboundCall<R> call, OutboundCall.Outcome<R> outcome) {
    }

    private final Stage<?> stage;
    private final MutableClock clock;
    private final List<Sent> sent = new ArrayList<>();
    private final List<PendingCall<?>> calls = new ArrayList<>();
    private final List<Published> published = new ArrayList<>();
    private final List<NotificationRequest> notifications = new ArrayList<>();
    private final Map<Class<?>, Object> repositories = new HashMap<>();
    private String tenantId = "test-tenant";
    private String messageId = UUID.randomUUID().toString();
    private String correlationId = messageId;
    private long dequeueCount = 1;
    private Instant messageTime;
    private EntityManager entityManager;

    private TestHandlerContext(Stage<?> stage, MutableClock clock) {
        this.stage = requireNonNull(stage, "stage is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.messageTime = clock.instant();
    }

    /** A context for a handler of {@code stage}, at 2030-01-01T09:00Z. */
    public static TestHandlerContext forStage(Stage<?> stage) {
        return new TestHandlerContext(stage, new MutableClock(Instant.parse("2030-01-01T09:00:00Z")));
    }

    public TestHandlerContext at(Instant now) {
        clock.set(now);
        return this;
    }

    public TestHandlerContext tenant(String tenantId) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        return this;
    }

    /** The message as the queue delivers it: its id, and how many times it has been delivered (1 on the first). */
    public TestHandlerContext delivery(String messageId, long dequeueCount) {
        this.messageId = requireNonNull(messageId, "messageId is null");
        this.dequeueCount = dequeueCount;
        return this;
    }

    public TestHandlerContext messageTime(Instant messageTime) {
        this.messageTime = requireNonNull(messageTime, "messageTime is null");
        return this;
    }

    public <R> TestHandlerContext withRepository(Class<R> type, R repository) {
        repositories.put(requireNonNull(type, "type is null"), requireNonNull(repository, "repository is null"));
        return this;
    }

    public TestHandlerContext withEntityManager(EntityManager entityManager) {
        this.entityManager = requireNonNull(entityManager, "entityManager is null");
        return this;
    }

    public MutableClock testClock() {
        return clock;
    }

    /** Every event published, in order. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    /** The data of the events of {@code type} published, in order. */
    public <T> List<T> published(EventType<T> type) {
        return published.stream().filter(event -> event.type().equals(type)).map(event -> type.dataType().cast(event.data()))
                .toList();
    }

    /** Every notification asked for, in order. */
    public List<NotificationRequest> notifications() {
        return List.copyOf(notifications);
    }

    /** The notifications of {@code kind} asked for, in order. */
    public List<NotificationRequest> notifications(String kind) {
        return notifications.stream().filter(notification -> notification.kind().equals(kind)).toList();
    }

    /** Every message sent or scheduled, in order. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** The messages sent or scheduled to {@code queue}, in order. */
    public <T> List<T> sent(Queue<T> queue) {
        return sent.stream().filter(message -> message.queue().equals(queue.name()))
                .map(message -> queue.messageType().javaType().cast(message.message())).toList();
    }

    /** The calls the handler asked to run after commit, in order; none has run. */
    public List<PendingCall<?>> pendingCalls() {
        return List.copyOf(calls);
    }

    /**
     * Runs every pending call against {@code http} and records its outcome in a context like this one (as the engine
     * does after commit); returns how many ran.
     */
    public int runPendingCalls(EgressHttp http) throws Exception {
        List<PendingCall<?>> due = List.copyOf(calls);
        calls.clear();
        for (PendingCall<?> call : due) {
            run(call, http);
        }
        return due.size();
    }

    private <R> void run(PendingCall<R> call, EgressHttp http) throws Exception {
        call.outcome().record(call.call().call(http), this);
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String messageId() {
        return messageId;
    }

    @Override
    public long dequeueCount() {
        return dequeueCount;
    }

    @Override
    public String correlationId() {
        return correlationId;
    }

    @Override
    public Instant messageTime() {
        return messageTime;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public EntityManager entityManager() {
        if (entityManager == null) {
            throw new IllegalStateException("this test gave the context no entity manager; call withEntityManager(...)");
        }
        return entityManager;
    }

    @Override
    public <R> R repository(Class<R> repositoryType) {
        Object repository = repositories.get(repositoryType);
        if (repository == null) {
            throw new IllegalStateException("this test gave the context no " + repositoryType.getSimpleName()
                    + "; call withRepository(" + repositoryType.getSimpleName() + ".class, ...)");
        }
        return repositoryType.cast(repository);
    }

    @Override
    public <T> void send(Queue<T> queue, T message) {
        record(queue, message, null);
    }

    @Override
    public <T> void schedule(Queue<T> queue, T message, Instant at) {
        record(queue, message, requireNonNull(at, "at is null"));
    }

    @Override
    public <R> void afterCommit(OutboundCall<R> call, OutboundCall.Outcome<R> outcome) {
        calls.add(new PendingCall<>(requireNonNull(call, "call is null"), requireNonNull(outcome, "outcome is null")));
    }

    @Override
    public <T> void publish(EventType<T> type, Subject subject, T data) {
        published.add(new Published(requireNonNull(type, "type is null"), requireNonNull(subject, "subject is null"),
                requireNonNull(data, "data is null")));
    }

    @Override
    public void notify(NotificationRequest notification) {
        notifications.add(requireNonNull(notification, "notification is null"));
    }

    private <T> void record(Queue<T> queue, T message, Instant at) {
        requireNonNull(queue, "queue is null");
        requireNonNull(message, "message is null");
        if (!stage.emitsTo(queue.name())) {
            throw new IllegalStateException("stage '" + stage.name() + "' does not declare that it emits to '" + queue.name()
                    + "' (emits: " + String.join(", ", stage.emits().stream().map(Queue::name).toList()) + ")");
        }
        sent.add(new Sent(queue.name(), message, at));
    }
}
