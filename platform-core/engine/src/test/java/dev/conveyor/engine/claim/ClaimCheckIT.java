package dev.conveyor.engine.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.testplugin.FaultInjectingTransport;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.testkit.Sql;
import dev.conveyor.testkit.TestServices;
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
            engine.createTenant(TenantSpec.of(tenant, "jobs"));
            String notes = "x".repeat(1024 * 1024);

            engine.ingest(tenant, "jobs", "{\"jobId\": \"big\", \"behaviour\": \"ok\", \"notes\": \"" + notes + "\"}",
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
}
