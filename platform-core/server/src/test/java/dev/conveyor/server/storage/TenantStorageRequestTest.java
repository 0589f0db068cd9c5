package dev.conveyor.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.engine.storage.StorageAccount;
import dev.conveyor.sdk.ValidationException;
import java.net.URI;
import org.junit.jupiter.api.Test;

final class TenantStorageRequestTest {

    @Test
    void nothingNamedMeansThePlatformsAccount() {
        assertThat(TenantStorageRequest.stored(null, null, null)).isNull();
        assertThat(TenantStorageRequest.stored("", " ", null)).isNull();
    }

    @Test
    void aConnectionStringOrAnEndpointWithAnIdentityNameTheTenantsOwnAccount() {
        assertThat(TenantStorageRequest.stored("AccountName=a;AccountKey=b", null, null)).isEqualTo("AccountName=a;AccountKey=b");
        assertThat(StorageAccount.parse(TenantStorageRequest.stored(null, "https://acme.queue.core.windows.net", "id-1")))
                .isEqualTo(new StorageAccount.EntraId(URI.create("https://acme.queue.core.windows.net"), null, "id-1"));
    }

    @Test
    void contradictoryOrMalformedFieldsAreRefusedNamingTheField() {
        assertField(() -> TenantStorageRequest.stored("AccountName=a;AccountKey=b", "https://acme.queue.core.windows.net", null),
                "storageQueueEndpoint");
        assertField(() -> TenantStorageRequest.stored(null, null, "id-1"), "storageIdentityClientId");
        assertField(() -> TenantStorageRequest.stored(null, "https://acme queue", null), "storageQueueEndpoint");
        assertField(() -> TenantStorageRequest.stored(null, "https://acme.queue.core.windows.net", "id;QueueEndpoint=https://x"),
                "storageIdentityClientId");
    }

    private static void assertField(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo(field)));
    }
}
