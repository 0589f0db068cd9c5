package dev.conveyor.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.engine.storage.StorageAccount;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StoragePropertiesTest {

    private static final String CONNECTION = "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=a2V5;EndpointSuffix=core.windows.net";
    private static final StorageProperties NONE = new StorageProperties(null, null, null, List.of(), true, List.of());

    @Test
    void aConnectionStringAloneIsUsedAsItIs() {
        assertThat(NONE.platformAccount(CONNECTION)).isEqualTo(new StorageAccount.ConnectionString(CONNECTION));
    }

    @Test
    void endpointsAloneMeanMicrosoftEntraIdWithTheConfiguredIdentity() {
        StorageProperties endpoints = new StorageProperties("https://acme.queue.core.windows.net",
                "https://acme.blob.core.windows.net", "11111111-2222-3333-4444-555555555555", List.of(), true, List.of());

        assertThat(endpoints.platformAccount(null)).isEqualTo(new StorageAccount.EntraId(
                URI.create("https://acme.queue.core.windows.net"), URI.create("https://acme.blob.core.windows.net"),
                "11111111-2222-3333-4444-555555555555"));
        assertThat(new StorageProperties("https://acme.queue.core.windows.net", "", "", List.of(), true, List.of())
                .platformAccount("")).isEqualTo(new StorageAccount.EntraId(URI.create("https://acme.queue.core.windows.net"), null, null));
    }

    @Test
    void neitherOrBothAreRefusedNamingTheSettings() {
        assertThatThrownBy(() -> NONE.platformAccount(" ")).hasMessageContaining("conveyor.storage.queue-endpoint")
                .hasMessageContaining("conveyor.storage-connection-string");
        StorageProperties endpoints = new StorageProperties("https://acme.queue.core.windows.net", null, null, List.of(), true, List.of());
        assertThatThrownBy(() -> endpoints.platformAccount(CONNECTION)).hasMessageContaining("not both");
    }

    @Test
    void anEndpointMustBeHttpsBecauseTheTokenTravelsWithEachRequest() {
        StorageProperties cleartext = new StorageProperties("http://acme.queue.core.windows.net", null, null, List.of(), true, List.of());

        assertThatThrownBy(() -> cleartext.platformAccount(null))
                .hasMessageContaining("conveyor.storage.queue-endpoint 'http://acme.queue.core.windows.net' is not an https URL");
    }
}
