package dev.conveyor.engine.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.EngineException;
import dev.conveyor.engine.NotFoundException;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.EngineForClass;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.services.Sql;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a plugin reaches through the platform besides its handlers, on real Postgres and Azurite: repositories in the
 * transaction of a handler, a view or an action, with the tenant filled into its entities; views and actions with the
 * tenant's settings; messages checked against their records' rules on ingest.
 */
final class PluginRequestsIT {

    private static final Sql sql = Sql.asOwner();

    @RegisterExtension
    static final EngineForClass engine = new EngineForClass(TestEngines::jobs);

    @Test
    void aHandlerSavesThroughARepositoryAndTheViewReadsItBackForItsTenantOnly() {
        String tenant = newTenant(Map.of("apiToken", "t-1"));
        String other = newTenant(Map.of());

        engine.get().routes().ingest(tenant, "jobs", "{\"jobId\": \"n-1\", \"behaviour\": \"note\"}", Optional.empty());

        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from engine_test_effect where tenant_id = ? and stage = 'recorder'", tenant) == 1);
        assertThat(sql.count("select count(*) from engine_test_note where tenant_id = ? and job_id = 'n-1'", tenant))
                .as("the platform filled the note's tenant").isEqualTo(1);
        assertThat(engine.get().routes().view(tenant, "notes", "n-1")).isEqualTo(new JobsPlugin.NoteCount("n-1", 1, true));
        assertThatThrownBy(() -> engine.get().routes().view(other, "notes", "n-1")).isInstanceOf(NotFoundException.class);
        engine.get().tenants().delete(tenant, true, true);
        engine.get().tenants().delete(other, true, true);
    }

    @Test
    void anActionReadsJsonOrCsvAndSavesEachItemInOneTransaction() {
        String tenant = newTenant(Map.of());

        assertThat(act(tenant, "text/csv", "jobId,behaviour\nc-1,ok\nc-2,ok\n")).isEqualTo(Map.of("saved", 2));
        assertThat(act(tenant, "application/json", "{\"jobId\": \"c-3\"}")).isEqualTo(Map.of("saved", 1));
        assertThat(sql.count("select count(*) from engine_test_note where tenant_id = ?", tenant)).isEqualTo(3);
        assertThat(engine.get().routes().view(tenant, "notes", "c-2")).isEqualTo(new JobsPlugin.NoteCount("c-2", 1, false));

        assertThatThrownBy(() -> act(tenant, "text/csv", "jobId,behaviour\n" + "x,ok\n".repeat(6)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("at most 5 items");
        assertThatThrownBy(() -> act(tenant, "text/csv", "jobId,behaviour\nc-4," + "b".repeat(41) + "\n"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).extracting(Violation::field)
                        .containsExactly("rows[0].behaviour"));
        assertThatThrownBy(() -> act(tenant, "text/plain", "c-5")).isInstanceOf(EngineException.class)
                .hasMessageContaining("application/json or text/csv");
        assertThat(sql.count("select count(*) from engine_test_note where tenant_id = ?", tenant))
                .as("nothing of a refused request was saved").isEqualTo(3);
        engine.get().tenants().delete(tenant, true, true);
    }

    @Test
    void aMessageBreakingItsRecordsRulesIsRefusedOnIngestNamingItsPath() {
        String tenant = newTenant(Map.of());

        assertThatThrownBy(() -> engine.get().routes().ingest(tenant, "jobs", "{\"jobId\": \"v-1\", \"behaviour\": \"" + "b".repeat(41)
                + "\"}", Optional.empty()))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations())
                        .containsExactly(new Violation("behaviour", "must be at most 40 characters")));
        engine.get().tenants().delete(tenant, true);
    }

    @Test
    void settingsThatBreakTheRecordAreRefusedNamingTheKnownOnes() {
        assertThatThrownBy(() -> newTenant(Map.of("apiToken", Map.of("nested", true))))
                .isInstanceOf(ValidationException.class).hasMessageContaining("config.apiToken");
        assertThatThrownBy(() -> newTenant(Map.of("token", "x")))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("config.token: is not a setting of this plugin (settings: apiToken)");
    }

    private static Object act(String tenant, String contentType, String body) {
        return engine.get().routes().act(tenant, "job-notes", contentType, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String newTenant(Map<String, Object> config) {
        String tenant = "pr-" + UUID.randomUUID().toString().substring(0, 8);
        engine.get().tenants().create(new TenantSpec(tenant, tenant, "jobs", config, Map.of("worker", TestEngines.QUICK,
                "recorder", TestEngines.QUICK), null));
        return tenant;
    }
}
