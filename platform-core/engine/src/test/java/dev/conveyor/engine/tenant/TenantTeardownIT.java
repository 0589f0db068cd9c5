package dev.conveyor.engine.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.apikey.IssuedKey;
import dev.conveyor.engine.apikey.Scope;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting a tenant on real Postgres and Azurite: its keys are refused at once, a teardown that fails halfway is
 * completed by repeating the delete, and {@code erase} leaves no row of it in any table with a {@code tenant_id}.
 */
final class TenantTeardownIT {

    private static final Sql sql = Sql.asOwner();
    private static final AtomicBoolean queueServiceFailsDeletes = new AtomicBoolean();
    private static ConveyorEngine engine;

    @BeforeAll
    static void startEngine() {
        QueueTransport real = new AzureQueueTransport(TestServices.get().storageConnectionString());
        // The real queue service, except that deleting a queue fails while the test says so.
        QueueTransport flaky = (QueueTransport) Proxy.newProxyInstance(QueueTransport.class.getClassLoader(),
                new Class<?>[] {QueueTransport.class}, (proxy, method, args) -> {
                    if (method.getName().equals("deleteQueue") && queueServiceFailsDeletes.get()) {
                        throw new IllegalStateException("queue service answered 503");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        engine = TestEngines.jobs().transport(flaky).start();
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void aTeardownThatFailsHalfwayKeepsTheTenantDeletedAndIsCompletedByRepeatingTheDelete() {
        String tenant = newTenant();
        IssuedKey reader = engine.apiKeys().create(tenant, "reader", Scope.TENANT_READ, null, "test");
        String queue = engine.topologies().of(tenant).stages().getFirst().queue();

        queueServiceFailsDeletes.set(true);
        boolean completed;
        try {
            completed = engine.tenants().delete(tenant, true);
        } finally {
            queueServiceFailsDeletes.set(false);
        }

        assertThat(completed).isFalse();
        assertThat(engine.apiKeys().authenticate(reader.token())).isEmpty();
        assertThatThrownBy(() -> engine.tenants().get(tenant)).isInstanceOf(NotFoundException.class);
        assertThat(sql.count("select count(*) from tenant where id = ? and status = 'DELETED' and teardown_pending", tenant))
                .isEqualTo(1);
        assertThat(engine.transport(tenant).approximateDepth(queue)).as("the queue is still there").isZero();

        assertThat(engine.tenants().delete(tenant, false)).isTrue();

        assertThat(sql.count("select count(*) from tenant where id = ? and teardown_pending", tenant)).isZero();
        assertThatThrownBy(() -> engine.transport(tenant).approximateDepth(queue)).as("the queue is gone")
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> engine.tenants().delete(tenant, false)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void eraseLeavesNoRowOfTheTenantInAnyTableWithATenantIdButItsKeysAndAudit() {
        String tenant = newTenant();
        engine.apiKeys().create(tenant, "reader", Scope.TENANT_READ, null, "test");
        engine.routes().ingest(tenant, "jobs", "{\"jobId\": \"j-1\", \"behaviour\": \"ok\"}", Optional.of("idem-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from engine_test_effect where tenant_id = ? and stage = 'recorder'", tenant) == 1);
        List<String> tables = sql.rows("select table_name from information_schema.columns where table_schema = current_schema()"
                + " and column_name = 'tenant_id'").stream().map(row -> row.get("table_name").toString()).toList();
        assertThat(tables).contains("engine_test_effect", "inbox", "idempotency_key", "dead_letter", "outbox");

        assertThat(engine.tenants().delete(tenant, true, true)).isTrue();

        for (String table : tables) {
            long rows = sql.count("select count(*) from \"" + table + "\" where tenant_id = ?", tenant);
            if (List.of("api_key", "topology_audit").contains(table)) {
                continue;
            }
            assertThat(rows).as(table).isZero();
        }
        Map<String, Object> row = sql.row("select config::text as config, erased_at, erase_pending from tenant where id = ?", tenant);
        assertThat(row.get("config")).isEqualTo("{}");
        assertThat(row.get("erased_at")).isNotNull();
        assertThat(row.get("erase_pending")).isEqualTo(false);
        assertThat(engine.apiKeys().list(tenant)).isNotEmpty().allSatisfy(key -> assertThat(key.revoked()).isTrue());
    }

    @Test
    void aTenantDeletedWithoutEraseCanBeErasedLater() {
        String tenant = newTenant();
        engine.routes().ingest(tenant, "jobs", "{\"jobId\": \"j-2\", \"behaviour\": \"ok\"}", Optional.empty());
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from engine_test_effect where tenant_id = ? and stage = 'recorder'", tenant) == 1);

        assertThat(engine.tenants().delete(tenant, true)).isTrue();
        assertThat(sql.count("select count(*) from engine_test_effect where tenant_id = ?", tenant)).isPositive();
        assertThat(engine.tenants().delete(tenant, false, true)).isTrue();

        assertThat(sql.count("select count(*) from engine_test_effect where tenant_id = ?", tenant)).isZero();
        assertThatThrownBy(() -> engine.tenants().delete(tenant, false, true)).isInstanceOf(NotFoundException.class);
    }

    private static String newTenant() {
        String tenant = "d-" + UUID.randomUUID().toString().substring(0, 8);
        engine.tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of("worker", TestEngines.QUICK,
                "recorder", TestEngines.QUICK), null));
        return tenant;
    }
}
