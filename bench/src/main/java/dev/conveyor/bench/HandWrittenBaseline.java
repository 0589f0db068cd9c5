package dev.conveyor.bench;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.queue.QueueNames;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.ReceivedMessage;
import dev.conveyor.engine.settings.SettingsModel;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.EventType;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.NotificationRequest;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.OutboundCall;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Subject;
import dev.conveyor.services.Sql;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a team would write from the Azure quickstarts: per stage one loop that receives a batch and, for each
 * message in turn, runs the same domain handler in one JPA transaction, sends what it emits to the next queue, and
 * deletes the message. No inbox, no outbox: a crash can lose or repeat effects. It calls the queue service through
 * the engine's {@link QueueTransport} only so that it runs on the Azure model too: on Azure that is the SDK's
 * {@code receiveMessages}, {@code sendMessage} and {@code deleteMessage}, one request each, as in the quickstart.
 */
final class HandWrittenBaseline {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QueueTransport queues;
    private final Database database;
    private final DomainPlugin<?> plugin;
    private final Handlers handlers;
    private final String tenant;
    private final List<Thread> loops = new ArrayList<>();
    private final Map<String, String> queueNames = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    <S> HandWrittenBaseline(QueueTransport queues, Database database, DomainPlugin<S> plugin, String tenant) {
        this.queues = queues;
        this.database = database;
        this.plugin = plugin;
        // The plugin's handlers for its default settings, as a team would build them once at start.
        this.handlers = plugin.handlers(SettingsModel.of(plugin).bind(Map.of()));
        this.tenant = tenant;
        plugin.topology().queues().forEach(queue -> queues.createQueue(queueName(queue.name())));
    }

    /** Puts a message on one of the pipeline's queues, as the quickstart's producer does. */
    void send(String logicalQueue, String body) {
        queues.send(queueName(logicalQueue), body, Duration.ZERO);
    }

    private String queueName(String logicalQueue) {
        return queueNames.computeIfAbsent(logicalQueue, name -> QueueNames.physical("bl-" + tenant, name, null));
    }

    void start() {
        for (Stage<?> stage : plugin.topology().stages()) {
            loops.add(Thread.ofVirtual().name("baseline-" + stage.name()).start(() -> consume(stage)));
        }
    }

    /** Stops the loops and waits for them, so that none polls into the next run's figures or a closed database. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread loop : loops) {
            loop.join();
        }
    }

    @SuppressWarnings("unchecked")
    private void consume(Stage<?> stage) {
        String queue = queueName(stage.consumes().name());
        Class<Object> type = (Class<Object>) stage.consumes().messageType().javaType();
        Handler<Object> handler = (Handler<Object>) handlers.of(stage.name()).orElseThrow();
        while (running) {
            boolean any = false;
            for (ReceivedMessage item : queues.receive(queue, 32, Duration.ofSeconds(30))) {
                any = true;
                Object payload = JSON.readValue(item.body(), type);
                List<Object[]> emitted = new ArrayList<>();
                database.inTenantTransaction(tenant, plugin, entityManager -> {
                    try {
                        handler.handle(payload, new Context(item.messageId(), item.dequeueCount(), item.insertedAt(),
                                entityManager, emitted));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                });
                for (Object[] message : emitted) {
                    send((String) message[0], JSON.writeValueAsString(message[1]));
                }
                queues.delete(queue, item.messageId(), item.popReceipt());
            }
            if (!any) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
    }

    private final class Context implements HandlerContext {
        private final String messageId;
        private final long dequeueCount;
        private final Instant enqueued;
        private final EntityManager entityManager;
        private final List<Object[]> emitted;

        Context(String messageId, long dequeueCount, Instant enqueued, EntityManager entityManager, List<Object[]> emitted) {
            this.messageId = messageId;
            this.dequeueCount = dequeueCount;
            this.enqueued = enqueued;
            this.entityManager = entityManager;
            this.emitted = emitted;
        }

        @Override
        public String tenantId() {
            return tenant;
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
            return messageId;
        }

        @Override
        public Instant messageTime() {
            return enqueued;
        }

        @Override
        public Clock clock() {
            return Clock.systemUTC();
        }

        @Override
        public EntityManager entityManager() {
            return entityManager;
        }

        @Override
        public <R> R repository(Class<R> repositoryType) {
            return database.repositories(plugin).get(repositoryType);
        }

        @Override
        public <T> void send(Queue<T> queue, T message) {
            emitted.add(new Object[] {queue.name(), message});
        }

        @Override
        public <T> void schedule(Queue<T> queue, T message, Instant at) {
            send(queue, message);
        }

        @Override
        public <R> void afterCommit(OutboundCall<R> call, OutboundCall.Outcome<R> outcome) {
            throw new UnsupportedOperationException("the hand-written baseline makes no calls after commit");
        }

        @Override
        public <T> void publish(EventType<T> type, Subject subject, T data) {
            // A quickstart consumer has no event streams to publish to: the event is dropped, so the baseline does
            // a little less work per order than Conveyor, which stores it (and so for notify below).
        }

        @Override
        public void notify(NotificationRequest notification) {
            // The handler has already stored the notification and marked the order notified in its transaction (what
            // the benchmark counts); a quickstart consumer has no channels to deliver it through, so it stops there.
        }
    }

    static void createTenantRow(Sql owner, String tenant, String pluginId) {
        owner.execute("insert into tenant (id, display_name, plugin_id, status) values ('" + tenant + "', '" + tenant
                + "', '" + pluginId + "', 'SUSPENDED') on conflict do nothing");
    }
}
