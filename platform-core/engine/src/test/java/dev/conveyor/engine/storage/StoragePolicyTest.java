package dev.conveyor.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.Violation;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class StoragePolicyTest {

    private static final String ALLOWED_IDENTITY = "11111111-2222-3333-4444-555555555555";
    private static final StoragePolicy policy = new StoragePolicy(
            Set.of("storage.internal", "*.queue.core.chinacloudapi.cn", "127.0.0.1:10001"), Set.of(ALLOWED_IDENTITY), true);

    @Test
    void anAzureQueueEndpointOverHttpsWithThePlatformsIdentityIsAllowed() {
        assertThat(check("https://acmeorders.queue.core.windows.net", null)).isEmpty();
        assertThat(check("https://acmeorders.queue.core.windows.net/", ALLOWED_IDENTITY)).isEmpty();
    }

    @Test
    void hostsTheOperatorAllowsAreAllowedExactlyOrBySuffixAndPort() {
        assertThat(check("https://storage.internal", null)).isEmpty();
        assertThat(check("https://acme.queue.core.chinacloudapi.cn", null)).isEmpty();
        assertThat(check("https://127.0.0.1:10001/devstoreaccount1", null)).isEmpty();
        assertThat(check("https://127.0.0.1:10002/devstoreaccount1", null)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("'127.0.0.1:10002'").contains("conveyor.storage.allowed-hosts"));
    }

    @Test
    void anyOtherHostIsRefusedNamingTheFieldAndTheFix() {
        for (String endpoint : List.of("https://169.254.169.254/metadata", "https://evil.example.com",
                "https://acme.queue.core.windows.net.evil.example.com", "https://acme.blob.core.windows.net",
                "https://acme.queue.core.windows.net:8443", "https://x.storage.internal")) {
            assertThat(check(endpoint, null)).as(endpoint).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("storageQueueEndpoint");
                assertThat(v.message()).contains("https://<account>.queue.core.windows.net");
            });
        }
    }

    @Test
    void cleartextCredentialsInTheUrlAndRelativeUrlsAreRefused() {
        assertThat(check("http://acme.queue.core.windows.net", null)).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("must use https"));
        assertThat(check("https://user:pw@acme.queue.core.windows.net", null)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("no user, query or fragment"));
        assertThat(check("https://acme.queue.core.windows.net?sv=2024&sig=x", null)).hasSize(1);
        assertThat(check("acme.queue.core.windows.net", null)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("is not an endpoint URL"));
    }

    @Test
    void onlyIdentitiesTheOperatorListsMayBeNamed() {
        assertThat(check("https://acme.queue.core.windows.net", "99999999-0000-0000-0000-000000000000")).singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("storageIdentityClientId");
                    assertThat(v.message()).contains("conveyor.storage.tenant-identity-client-ids");
                });
    }

    @Test
    void theOperatorCanKeepThePlatformsOwnIdentityFromTenants() {
        StoragePolicy strict = new StoragePolicy(Set.of(), Set.of(ALLOWED_IDENTITY), false);

        assertThat(strict.violations(entraId("https://acme.queue.core.windows.net", null))).singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("storageIdentityClientId"));
        assertThat(strict.violations(entraId("https://acme.queue.core.windows.net", ALLOWED_IDENTITY))).isEmpty();
    }

    @Test
    void aTenantsOwnAccountHasNoBlobEndpointAndAConnectionStringIsNotChecked() {
        StorageAccount withBlobs = new StorageAccount.EntraId(URI.create("https://acme.queue.core.windows.net"),
                URI.create("https://acme.blob.core.windows.net"), null);

        assertThat(policy.violations(withBlobs)).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("storageBlobEndpoint"));
        assertThat(policy.violations(new StorageAccount.ConnectionString("AccountName=a;AccountKey=b"))).isEmpty();
    }

    private static List<Violation> check(String endpoint, String identity) {
        return policy.violations(entraId(endpoint, identity));
    }

    private static StorageAccount entraId(String endpoint, String identity) {
        return new StorageAccount.EntraId(URI.create(endpoint), null, identity);
    }
}
