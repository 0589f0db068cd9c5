package dev.conveyor.engine.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.Database;
import dev.conveyor.engine.deadletter.DeadLetters.DeadLetter;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.QueueNames;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.engine.testplugin.FaultInjectingTransport;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A payload far over the queue's 64 KiB goes through the claim check: it waits in Azurite's blob storage while a
 * small message carries its reference, the consumer resolves it transparently, and the blob goes when it is done.
 */
final class ClaimCheckIT {

    private static final Sql sql = Sql.asOwner();

    @Test
    void aOneMebibytePayloadTravelsAsABlobReferenceAndTheBlobIsDeletedWhenDone() {
        TestServices services = TestServices.get();
        FaultInjectingTransport transport = new FaultInjectingTransport(
                new AzureQueueTransport(services.storageConnectionString()));
        try (ConveyorEngine engine = TestEngines.jobs().transport(transport).start()) {
            String tenant = "cc-" + UUID.randomUUID().toString().substring(0, 8);
            engine.tenants().create(TenantSpec.of(tenant, "jobs"));
            String notes = "x".repeat(1024 * 1024);

            engine.routes().ingest(tenant, "jobs", "{\"jobId\": \"big\", \"behaviour\": \"ok\", \"notes\": \"" + notes + "\"}",
                    Optional.empty());

            String sent = transport.sentBodies().getFirst();
            assertThat(sent.length()).isLessThan(2048);
            assertThat(sent).contains("\"dataref\":\"blob:" + tenant + "/");
            await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                    "select count(*) from engine_test_effect where tenant_id = ? and stage = 'recorder'", tenant) == 1);
            assertThat(sql.row("select notes_length from engine_test_effect where tenant_id = ? and stage = 'worker'", tenant))
                    .containsEntry("notes_length", notes.length());
            BlobContainerClient claims = new BlobServiceClientBuilder().connectionString(services.storageConnectionString())
                    .buildClient().getBlobContainerClient("conveyor-claims");
            await().atMost(Duration.ofSeconds(10)).until(() -> !claims.listBlobs(
                    new ListBlobsOptions().setPrefix(tenant + "/"), null).iterator().hasNext());
            assertThat(sql.count("select count(*) from dead_letter where tenant_id = ?", tenant)).isZero();
        }
    }

    @Test
    void aRepeatedRequestWithTheSameIdempotencyKeyStoresNoSecondBlob() {
        try (ConveyorEngine engine = TestEngines.jobs().start()) {
            String tenant = disabledWorkerTenant(engine);
            String big = "{\"jobId\": \"big\", \"behaviour\": \"ok\", \"notes\": \"" + "x".repeat(100_000) + "\"}";

            var first = engine.routes().ingest(tenant, "jobs", big, Optional.of("order-1"));
            var repeated = engine.routes().ingest(tenant, "jobs", big, Optional.of("order-1"));

            assertThat(repeated.messageId()).isEqualTo(first.messageId());
            assertThat(claims().listBlobs(new ListBlobsOptions().setPrefix(tenant + "/"), null).stream()
                    .map(blob -> blob.getName()).toList())
                    .containsExactly(new ClaimReference(tenant, first.messageId(), queue(engine, tenant)).blobName());
            engine.tenants().delete(tenant, true);
        }
    }

    @Test
    void theSweeperDeletesBlobsOlderThanTheRetentionThatNoMessageNeeds() {
        try (ConveyorEngine engine = TestEngines.jobs().start()) {
            String tenant = disabledWorkerTenant(engine);
            String queue = queue(engine, tenant);
            ClaimStore store = BlobClaimStore.forAccount(TestServices.get().storageConnectionString()).orElseThrow();
            ClaimReference orphan = new ClaimReference(tenant, UUID.randomUUID().toString(), queue);
            ClaimReference ofADeadLetter = new ClaimReference(tenant, UUID.randomUUID().toString(), queue);
            store.put(orphan, "{}");
            store.put(ofADeadLetter, "{}");
            engine.deadLetters().deadLetter(new DeadLetter(tenant, "worker", queue, ofADeadLetter.messageId(), null, null,
                    "{\"dataref\": \"" + ofADeadLetter + "\"}", "failed for the test", null, 1), QueueNames.poison(queue));
            var pending = engine.routes().ingest(tenant, "jobs", "{\"jobId\": \"big\", \"notes\": \"" + "x".repeat(100_000) + "\"}",
                    Optional.empty());
            ClaimReference onItsQueue = new ClaimReference(tenant, pending.messageId(), queue);
            // as if it were delayed by 30 days: its row waits in the outbox, and its blob with it
            engine.database().inTenantTransaction(tenant, entityManager -> Database.execute(entityManager,
                    "insert into outbox (id, tenant_id, queue_name, message_id, body, visible_at)"
                    + " values (gen_random_uuid(), ?, ?, ?, '{}', now() + interval '30 days')", tenant, queue,
                    pending.messageId()));

            Clock eightDaysLater = Clock.offset(Clock.systemUTC(), Duration.ofDays(8));
            new ClaimSweeper(engine.database(), store, eightDaysLater).sweep(Duration.ofDays(7));

            assertThat(claims().listBlobs(new ListBlobsOptions().setPrefix(tenant + "/"), null).stream()
                    .map(blob -> blob.getName()).toList())
                    .as("the orphan is gone; the dead letter's and the delayed message's stay")
                    .containsExactlyInAnyOrder(ofADeadLetter.blobName(), onItsQueue.blobName());
            engine.tenants().delete(tenant, true);
        }
    }

    private static String disabledWorkerTenant(ConveyorEngine engine) {
        String tenant = "cc-" + UUID.randomUUID().toString().substring(0, 8);
        StageOverride disabled = new StageOverride(false, null, null, null, null, null, null, null);
        engine.tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of("worker", disabled), null));
        return tenant;
    }

    private static String queue(ConveyorEngine engine, String tenant) {
        return engine.topologies().of(tenant).stages().getFirst().queue();
    }

    private static BlobContainerClient claims() {
        return new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString())
                .buildClient().getBlobContainerClient("conveyor-claims");
    }
}
