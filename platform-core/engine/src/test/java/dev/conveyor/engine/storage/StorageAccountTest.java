package dev.conveyor.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

final class StorageAccountTest {

    @Test
    void aConnectionStringIsKeptAsItIsAndNeverShown() {
        String connection = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net";

        StorageAccount account = StorageAccount.parse(connection);

        assertThat(account).isInstanceOf(StorageAccount.ConnectionString.class);
        assertThat(account.stored()).isEqualTo(connection);
        assertThat(account.toString()).doesNotContain("c2VjcmV0");
    }

    @Test
    void theEntraIdFormRoundTrips() {
        StorageAccount account = new StorageAccount.EntraId(URI.create("https://acme.queue.core.windows.net"),
                URI.create("https://acme.blob.core.windows.net"), "11111111-2222-3333-4444-555555555555");

        assertThat(account.stored()).startsWith("Authentication=EntraId;QueueEndpoint=https://acme.queue.core.windows.net");
        assertThat(StorageAccount.parse(account.stored())).isEqualTo(account);
        assertThat(StorageAccount.parse("authentication=entraid; queueendpoint=https://acme.queue.core.windows.net"))
                .isEqualTo(new StorageAccount.EntraId(URI.create("https://acme.queue.core.windows.net"), null, null));
    }

    @Test
    void theEntraIdFormNeedsAQueueEndpoint() {
        assertThatThrownBy(() -> StorageAccount.parse("Authentication=EntraId;BlobEndpoint=https://acme.blob.core.windows.net"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("QueueEndpoint=https://<account>.queue.core.windows.net");
    }

    @Test
    void aValueCannotSmuggleInAnotherPartOfTheStoredForm() {
        assertThatThrownBy(() -> new StorageAccount.EntraId(URI.create("https://acme.queue.core.windows.net"), null,
                "id;QueueEndpoint=https://169.254.169.254")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not contain ';'");
    }
}
