package dev.conveyor.engine.tenant;

import dev.conveyor.engine.lifecycle.Tenants;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConflictException;
import dev.conveyor.engine.PreconditionFailedException;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.services.Sql;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tenants on real Postgres and Azurite: row-level security keeps one tenant's code from reading another's rows,
 * topology overrides apply to running consumers, suspended tenants refuse messages, deletes guard in-flight work.
 */
final class TenantIsolationIT {

    private static final StageOverride FAST = TestEngines.QUICK;
    private static final Sql sql = Sql.asOwner();

    @RegisterExtension
    static final EngineForClass engine = new EngineForClass(TestEngines::jobs);

    @Test
    void codeRunningForOneTenantSeesNoRowOfAnotherEvenWithoutAFilter() {
        String a = newTenant();
        String b = newTenant();
        submit(b, "b-secret");
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from engine_test_effect where tenant_id = ? and stage = 'recorder'", b) == 1);

        Map<String, Long> visibleToA = engine.get().database().inTenantTransaction(a, entityManager -> Map.of(
                "engine_test_effect", count(entityManager, "select count(*) from engine_test_effect"),
                "inbox", count(entityManager, "select count(*) from inbox"),
                "outbox", count(entityManager, "select count(*) from outbox"),
                "idempotency_key", count(entityManager, "select count(*) from idempotency_key"),
                "b rows by id", count(entityManager, "select count(*) from engine_test_effect where tenant_id = '" + b + "'")));
        Map<String, Object> role = engine.get().database().inTenantTransaction(a, entityManager -> {
            Object[] row = (Object[]) entityManager.createNativeQuery(
                    "select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user").getSingleResult();
            return Map.of("user", row[0], "superuser", row[1], "bypassrls", row[2]);
        });

        assertThat(role).containsEntry("user", "conveyor_app").containsEntry("superuser", false).containsEntry("bypassrls", false);
        assertThat(sql.rows("select tablename, policyname, qual from pg_policies where tablename = 'engine_test_effect'"))
                .hasSize(1);
        assertThat(visibleToA).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
        assertThat(sql.count("select count(*) from engine_test_effect where tenant_id = ?", b)).isEqualTo(2);
        assertThatThrownBy(() -> engine.get().database().inTenantTransaction(a, entityManager -> entityManager.createNativeQuery(
                "insert into engine_test_effect (tenant_id, job_id, stage, attempt) values ('" + b + "', 'forged', 'x', 1)")
                .executeUpdate())).hasStackTraceContaining("row-level security");
    }

    @Test
    void anApplicationConnectionCannotStepOutOfItsRoleOrClaimThePlatform() throws Exception {
        String a = newTenant();
        String b = newTenant();
        submit(a, "a-job");
        submit(b, "b-job");
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from engine_test_effect where tenant_id in (?, ?) and stage = 'recorder'", a, b) == 2);

        try (java.sql.Connection connection = engine.get().database().dataSource().getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            // What a query slipped into application code could try: drop the role, claim the platform, pick a tenant.
            statement.execute("reset role");
            statement.execute("select set_config('conveyor.platform', 'on', false), set_config('"
                    + dev.conveyor.engine.database.Database.TENANT_SETTING + "', '" + a + "', false)");
            try (java.sql.ResultSet who = statement.executeQuery(
                    "select current_user, rolsuper, rolbypassrls from pg_roles where rolname = current_user")) {
                who.next();
                assertThat(who.getString(1)).isEqualTo(dev.conveyor.engine.database.Database.APP_ROLE);
                assertThat(who.getBoolean(2)).isFalse();
                assertThat(who.getBoolean(3)).isFalse();
            }
            try (java.sql.ResultSet tenants = statement.executeQuery(
                    "select distinct tenant_id from engine_test_effect")) {
                java.util.List<String> seen = new java.util.ArrayList<>();
                while (tenants.next()) {
                    seen.add(tenants.getString(1));
                }
                assertThat(seen).containsExactly(a);
            }
            assertThatThrownBy(() -> statement.execute("set role " + dev.conveyor.services.TestServices.get().database().user()))
                    .hasMessageContaining("permission denied");
            connection.rollback();
        }
    }

    @Test
    void disablingAStageLetsItsQueueFillAndEnablingItDrainsIt() {
        String tenant = newTenant();
        long version = engine.get().topologies().of(tenant).version();
        engine.get().topologies().overrideStage(tenant, "worker",
                new StageOverride(false, null, null, null, null, null, null, null), version, "test");
        for (int i = 0; i < 5; i++) {
            submit(tenant, "held-" + i);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> depth(tenant, "worker") == 5);
        assertThat(sql.count("select count(*) from engine_test_effect where tenant_id = ?", tenant)).isZero();
        assertThat(engine.get().topologies().of(tenant).stages().getFirst().enabled()).isFalse();

        engine.get().topologies().overrideStage(tenant, "worker",
                new StageOverride(true, 4, null, null, null, null, null, null), version + 1, "test");

        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from engine_test_effect where tenant_id = ? and stage = 'recorder'", tenant) == 5);
        TopologyView.Stage worker = engine.get().topologies().of(tenant).stages().getFirst();
        assertThat(worker.enabled()).isTrue();
        assertThat(worker.settings().concurrency()).isEqualTo(4);
        assertThat(engine.get().topologies().audit(tenant)).hasSize(2)
                .first().satisfies(change -> {
                    assertThat(change.version()).isEqualTo(version + 2);
                    assertThat(change.actor()).isEqualTo("test");
                    assertThat(change.before().get("worker").enabled()).isFalse();
                    assertThat(change.after().get("worker").enabled()).isTrue();
                });
    }

    @Test
    void overridesAreCheckedAgainstAzuresRangesAndAStaleVersionIsRefused() {
        String tenant = newTenant();
        long version = engine.get().topologies().of(tenant).version();

        assertThatThrownBy(() -> engine.get().topologies().overrideStage(tenant, "worker",
                new StageOverride(null, null, 64, null, null, null, null, null), version, "test"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("batchSize must be 1..32");
        assertThatThrownBy(() -> engine.get().topologies().overrideStage(tenant, "worker",
                new StageOverride(null, null, null, Duration.ofDays(8), null, null, null, null), version, "test"))
                .isInstanceOf(ValidationException.class).hasMessageContaining("lease must be 1 s..7 days");
        engine.get().topologies().overrideStage(tenant, "worker",
                new StageOverride(null, 2, null, null, null, null, null, null), version, "test");
        assertThatThrownBy(() -> engine.get().topologies().overrideStage(tenant, "worker",
                new StageOverride(null, 3, null, null, null, null, null, null), version, "someone else"))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("is at version " + (version + 1));
    }

    @Test
    void aSuspendedTenantRefusesMessagesUntilResumedAndADeleteWaitsForInFlightWork() {
        String tenant = newTenant();
        engine.get().tenants().suspend(tenant);

        assertThatThrownBy(() -> submit(tenant, "refused")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is suspended");

        engine.get().tenants().resume(tenant);
        engine.get().topologies().overrideStage(tenant, "worker", new StageOverride(false, null, null, null, null, null, null, null),
                engine.get().topologies().of(tenant).version(), "test");
        submit(tenant, "in-flight");
        await().atMost(Duration.ofSeconds(10)).until(() -> depth(tenant, "worker") == 1);

        assertThatThrownBy(() -> engine.get().tenants().delete(tenant, false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("has 1 messages in flight");
        engine.get().tenants().delete(tenant, true);
        assertThat(sql.count("select count(*) from tenant where id = ? and status = 'DELETED'", tenant)).isEqualTo(1);
        assertThatThrownBy(() -> engine.get().tenants().create(TenantSpec.of(tenant, "jobs"))).isInstanceOf(ConflictException.class);
    }

    @Test
    void creatingATenantIsIdempotentAndItsConfigurationIsValidated() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Tenants.Creation first = engine.get().tenants().create(TenantSpec.of(tenant, "jobs"));
        Tenants.Creation again = engine.get().tenants().create(TenantSpec.of(tenant, "jobs"));

        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.tenant().status()).isEqualTo(TenantStatus.ACTIVE);
        assertThatThrownBy(() -> engine.get().tenants().create(new TenantSpec("t-" + UUID.randomUUID().toString().substring(0, 8),
                "x", "nope", Map.of("colour", "red"), Map.of(), null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("no plugin 'nope' is installed");
        assertThatThrownBy(() -> engine.get().tenants().create(new TenantSpec("t-" + UUID.randomUUID().toString().substring(0, 8),
                "x", "jobs", Map.of("colour", "red"), Map.of(), null)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("config.colour: is not a setting of this plugin");
        engine.get().tenants().delete(tenant, true);
    }

    private static String newTenant() {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        engine.get().tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of("worker", FAST, "recorder", FAST), null));
        return tenant;
    }

    private static void submit(String tenant, String jobId) {
        engine.get().routes().ingest(tenant, "jobs", "{\"jobId\": \"" + jobId + "\", \"behaviour\": \"ok\"}", Optional.empty());
    }

    private static long depth(String tenant, String stage) {
        TopologyView.Stage view = engine.get().topologies().of(tenant).stages().stream().filter(s -> s.name().equals(stage)).findFirst()
                .orElseThrow();
        return view.approximateDepth();
    }

    private static long count(jakarta.persistence.EntityManager entityManager, String query) {
        return ((Number) entityManager.createNativeQuery(query).getSingleResult()).longValue();
    }
}
