package dev.conveyor.engine.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.queue.TenantTransports;
import dev.conveyor.services.MutableClock;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sweeper on real Postgres and Azurite: rows it cannot send back off on their own and are parked after
 * repeated failures, never holding up the rows that can be sent; an outage of the queue service parks nothing.
 */
final class OutboxSweeperIT {

    private static final Sql sql = Sql.asOwner();
    private static DatabasePools pools;
    private static Database database;

    @BeforeAll
    static void open() {
        TestServices services = TestServices.get();
        pools = TestEngines.pools(services.database(), List.of(), 2);
        database = new Database(pools, List.of());
    }

    @AfterAll
    static void close() {
        database.close();
        pools.close();
    }

    @Test
    void aRowThatCannotBeSentBacksOffAloneAndIsParkedWhileTheOthersGoThrough() {
        String tenant = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        QueueTransport queues = new AzureQueueTransport(TestServices.get().storageConnectionString());
        String goodQueue = tenant + "-good";
        String missingQueue = tenant + "-missing";
        queues.createQueue(goodQueue);
        MutableClock clock = new MutableClock(Instant.now());
        Outbox outbox = new Outbox(database, new TenantTransports(queues, (tenantId, connection) -> queues), clock, queue -> {
        });
        insertUnsent(tenant, missingQueue, "never-deliverable");
        for (int i = 0; i < 3; i++) {
            insertUnsent(tenant, goodQueue, "good-" + i);
        }

        assertThat(outbox.sweep(Duration.ZERO, 200)).isEqualTo(4);
        assertThat(queues.approximateDepth(goodQueue)).isEqualTo(3);
        assertThat(sql.rows("select message_id, attempts, last_error from outbox where tenant_id = ?", tenant))
                .singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("message_id", "never-deliverable").containsEntry("attempts", 1);
                    assertThat(row.get("last_error")).isEqualTo("HTTP 404");
                });
        // Backing off: the next sweep does not take it again at once, so new rows are not queued behind it.
        insertUnsent(tenant, goodQueue, "good-late");
        assertThat(outbox.sweep(Duration.ZERO, 200)).isEqualTo(1);
        assertThat(queues.approximateDepth(goodQueue)).isEqualTo(4);

        for (int attempt = 2; attempt <= Outbox.PARK_AFTER; attempt++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(outbox.sweep(Duration.ZERO, 200)).as("sweep %d", attempt).isEqualTo(1);
        }
        assertThat(outbox.parked(tenant, 10)).singleElement().satisfies(parked -> {
            assertThat(parked.messageId()).isEqualTo("never-deliverable");
            assertThat(parked.attempts()).isEqualTo(Outbox.PARK_AFTER);
            assertThat(parked.lastError()).isEqualTo("HTTP 404");
        });
        clock.advance(Duration.ofHours(1));
        assertThat(outbox.sweep(Duration.ZERO, 200)).as("a parked row is left alone").isZero();
        assertThat(outbox.parkedCount()).isGreaterThanOrEqualTo(1);

        // The cause fixed, the tenant's admin retries it.
        queues.createQueue(missingQueue);
        assertThat(outbox.retryParked(tenant)).isEqualTo(1);
        assertThat(outbox.sweep(Duration.ZERO, 200)).isEqualTo(1);
        assertThat(queues.approximateDepth(missingQueue)).isEqualTo(1);
        assertThat(sql.count("select count(*) from outbox where tenant_id = ?", tenant)).isZero();
    }

    @Test
    void aQueueServiceThatDoesNotAnswerParksNothing() throws Exception {
        String tenant = "sweep-" + UUID.randomUUID().toString().substring(0, 8);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        QueueTransport away = new AzureQueueTransport(TestServices.get().storageConnectionString()
                .replaceAll("QueueEndpoint=http://127.0.0.1:\\d+/", "QueueEndpoint=http://127.0.0.1:" + closedPort + "/"));
        MutableClock clock = new MutableClock(Instant.now());
        Outbox outbox = new Outbox(database, new TenantTransports(away, (tenantId, connection) -> away), clock, queue -> {
        });
        insertUnsent(tenant, tenant + "-jobs", "waits-for-the-service");

        for (int attempt = 1; attempt <= Outbox.PARK_AFTER + 1; attempt++) {
            assertThat(outbox.sweep(Duration.ZERO, 200)).as("sweep %d", attempt).isEqualTo(1);
            clock.advance(Duration.ofMinutes(15));
        }

        assertThat(outbox.parked(tenant, 10)).isEmpty();
        assertThat(sql.rows("select attempts, last_error from outbox where tenant_id = ?", tenant))
                .singleElement().satisfies(row -> {
                    assertThat(row).containsEntry("attempts", Outbox.PARK_AFTER + 1);
                    assertThat((String) row.get("last_error")).startsWith("no answer");
                });
    }

    private static void insertUnsent(String tenant, String queue, String messageId) {
        sql.execute("insert into outbox (id, tenant_id, queue_name, message_id, body, visible_at, created_at) values ('"
                + UUID.randomUUID() + "', '" + tenant + "', '" + queue + "', '" + messageId + "', '{}', now() - interval '1 minute',"
                + " now() - interval '1 minute')");
    }
}
