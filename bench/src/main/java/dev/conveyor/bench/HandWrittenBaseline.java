package dev.conveyor.bench;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import dev.conveyor.engine.database.Database;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.testkit.Sql;
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
 * deletes the message. No inbox, no outbox: a crash can lose or repeat effects.
 */
final class HandWrittenBaseline {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final QueueServiceClient service;
    private final Database database;
    private final DomainPlugin plugin;
    private final String tenant;
    private final Map<String, QueueClient> queues = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    HandWrittenBaseline(String connectionString, StorageOperations operations, Database database, DomainPlugin plugin,
            String tenant) {
        this.service = new QueueServiceClientBuilder().connectionString(connectionString)
                .httpClient(new JdkHttpClientBuilder().build()).addPolicy(operations).buildClient();
        this.database = database;
        this.plugin = plugin;
        this.tenant = tenant;
        plugin.topology().queues().forEach(queue -> queue(queue.name()).createIfNotExists());
    }

    QueueClient queue(String logicalQueue) {
        return queues.computeIfAbsent(logicalQueue, name -> service.getQueueClient("bl-" + tenant + "-"
                + name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase()));
    }

    List<Thread> start() {
        List<Thread> loops = new ArrayList<>();
        for (StageDefinition stage : plugin.topology().stages()) {
            loops.add(Thread.ofVirtual().name("baseline-" + stage.name()).start(() -> consume(stage)));
        }
        return loops;
    }

    void stop() {
        running = false;
    }

    @SuppressWarnings("unchecked")
    private void consume(StageDefinition stage) {
        QueueClient queue = queue(stage.consumes());
        Class<Object> type = (Class<Object>) plugin.topology().queue(stage.consumes()).orElseThrow().messageType().javaType();
        Handler<Object> handler = (Handler<Object>) plugin.handlers().get(stage.name());
        while (running) {
            boolean any = false;
            for (QueueMessageItem item : queue.receiveMessages(32, Duration.ofSeconds(30), null, null)) {
                any = true;
                Object payload = JSON.readValue(item.getBody().toString(), type);
                List<Object[]> emitted = new ArrayList<>();
                Instant enqueued = item.getInsertionTime().toInstant();
                database.inTenantTransaction(tenant, entityManager -> {
                    try {
                        handler.handle(payload, new Context(item.getMessageId(), item.getDequeueCount(), enqueued,
                                entityManager, emitted));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return null;
                });
                for (Object[] message : emitted) {
                    queue((String) message[0]).sendMessage(JSON.writeValueAsString(message[1]));
                }
                queue.deleteMessage(item.getMessageId(), item.getPopReceipt());
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
        public TenantConfig config() {
            return TenantConfig.empty();
        }

        @Override
        public EntityManager entityManager() {
            return entityManager;
        }

        @Override
        public void emit(String queue, Object payload) {
            emitted.add(new Object[] {queue, payload});
        }

        @Override
        public void schedule(String queue, Object payload, Instant at) {
            emit(queue, payload);
        }
    }

    static void createTenantRow(Sql owner, String tenant, String pluginId) {
        owner.execute("insert into tenant (id, display_name, plugin_id, status) values ('" + tenant + "', '" + tenant
                + "', '" + pluginId + "', 'SUSPENDED') on conflict do nothing");
    }
}
