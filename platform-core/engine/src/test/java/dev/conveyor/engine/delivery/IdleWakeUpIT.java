package dev.conveyor.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idle consumers may sleep for minutes without slowing the first message: two engine instances share Postgres and
 * Azurite, one only takes orders in (it runs no stage), the other only works, its consumers backing off up to five
 * minutes once their queues are empty. A job ingested through the first is worked by the second at once, because the
 * commit that accepted it announced its queue to every instance; a result held back for three seconds is recorded
 * when it shows, not at the next idle poll.
 */
final class IdleWakeUpIT {

    /** A stage's own idle ceiling is one minute; the deep idle of the working instance reaches five. */
    private static final StageOverride SLEEPY = new StageOverride(null, null, null, Duration.ofSeconds(5), 3,
            Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMinutes(1));

    private static final Sql sql = Sql.asOwner();
    private static ConveyorEngine ingestOnly;
    private static ConveyorEngine worker;
    private static String firstTenant;
    private static String secondTenant;

    @BeforeAll
    static void start() {
        worker = TestEngines.jobs().deepIdle(Duration.ZERO, Duration.ofMinutes(5)).start();
        ingestOnly = TestEngines.jobs().runsStages(stage -> false).start();
        firstTenant = sleepyTenant();
        secondTenant = sleepyTenant();
        // Empty receives back off 0.1, 0.2, 0.4 ... s: after 20 quiet seconds the next poll is most likely 6-25 s away,
        // and one further away still each time, up to five minutes.
        await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(21))
                .until(() -> effects(firstTenant, "worker") + effects(secondTenant, "worker") == 0);
    }

    @AfterAll
    static void stop() {
        ingestOnly.close();
        worker.close();
    }

    @Test
    void aJobIngestedThroughAnotherInstanceIsWorkedAtOnceByAConsumerThatHasIdledForLong() {
        String tenant = firstTenant;
        Instant before = Instant.now();
        ingestOnly.routes().ingest(tenant, "jobs", "{\"jobId\": \"first\"}", Optional.empty());

        await().atMost(Duration.ofSeconds(5)).until(() -> effects(tenant, "recorder") == 1);
        assertThat(Duration.between(before, Instant.now()))
                .as("woken by the announcement, not by an idle poll minutes away").isLessThan(Duration.ofSeconds(5));
        assertThat(effects(tenant, "worker")).isEqualTo(1);
    }

    @Test
    void aMessageHeldBackIsReceivedWhenItShowsNotAtTheNextIdlePoll() {
        String tenant = secondTenant;
        ingestOnly.routes().ingest(tenant, "jobs", "{\"jobId\": \"later\", \"behaviour\": \"result-in-3s\"}",
                Optional.empty());
        await().atMost(Duration.ofSeconds(5)).until(() -> effects(tenant, "worker") == 1);
        Instant scheduled = Instant.now();

        // Its consumer polls within a second or two of the message showing, not 6 to 25 s into its idle back-off.
        await().atMost(Duration.ofMillis(6500)).until(() -> effects(tenant, "recorder") == 1);
        assertThat(Duration.between(scheduled, Instant.now())).isGreaterThan(Duration.ofSeconds(1));
    }

    private static String sleepyTenant() {
        String tenant = "w-" + UUID.randomUUID().toString().substring(0, 8);
        worker.tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of("worker", SLEEPY,
                "recorder", SLEEPY), null));
        return tenant;
    }

    private static long effects(String tenant, String stage) {
        return sql.count("select count(*) from engine_test_effect where tenant_id = ? and stage = ?", tenant, stage);
    }
}
