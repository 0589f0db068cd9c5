package dev.conveyor.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueServiceClientBuilder;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.Context;
import com.azure.storage.queue.models.QueueItem;
import com.azure.storage.queue.models.QueuesSegmentOptions;
import com.azure.storage.queue.models.QueueStorageException;
import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.JobsPlugin;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.LocalAzurite;
import dev.conveyor.services.LocalPostgres;
import dev.conveyor.services.SelfSignedCertificate;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Storage reached with Microsoft Entra ID tokens instead of account keys: two Azurites over HTTPS with
 * {@code --oauth basic} stand for the platform's account and a tenant's own; the engine sends and consumes on both
 * with bearer tokens (a test credential stands in for Entra ID), large payloads go to the platform's blobs the same
 * way, a tenant's account by connection string still works, and a tenant cannot make the platform present its
 * identity to a host or as an identity the operator did not allow. The engine has its own Postgres, so that it runs
 * no other test's tenants against these accounts.
 */
final class EntraIdStorageIT {

    private static final String TENANT_IDENTITY = "0b7c4e52-6a4f-4a55-9c1e-5c0de0000001";

    private static final TestTokens tokens = TestTokens.valid();
    private static LocalAzurite platformAzurite;
    private static LocalAzurite tenantAzurite;
    private static LocalPostgres postgres;
    private static SelfSignedCertificate certificate;
    private static StorageConnector connector;
    private static ConveyorEngine engine;
    private static Sql sql;

    @BeforeAll
    static void start() throws Exception {
        Path scratch = Files.createTempDirectory("conveyor-entra-id-");
        certificate = SelfSignedCertificate.create(scratch.resolve("tls"));
        platformAzurite = LocalAzurite.startWithOAuth(scratch.resolve("platform"), certificate.pfx(), SelfSignedCertificate.PASSWORD);
        tenantAzurite = LocalAzurite.startWithOAuth(scratch.resolve("tenant"), certificate.pfx(), SelfSignedCertificate.PASSWORD);
        postgres = LocalPostgres.start(Optional.of(scratch.resolve("postgres")));
        DatabaseSettings database = new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
        sql = new Sql(database);
        connector = StorageConnector.builder()
                .credentials(tokens::credentialOf)
                .httpClient(trustingHttpClient())
                // Azurite listens on loopback: the operator's allow-list lets tenants name it (path-style, with its port)
                .policy(new StoragePolicy(Set.of(authority(tenantAzurite.queueEndpoint())), Set.of(TENANT_IDENTITY), true))
                .build();
        DatabasePools pools = TestEngines.pools(database, List.of(new JobsPlugin()), 10);
        engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(new StorageAccount.EntraId(URI.create(platformAzurite.queueEndpoint()),
                        URI.create(platformAzurite.blobEndpoint()), null).stored())
                .storage(connector)
                .plugins(new PluginRegistry(List.of(new JobsPlugin())))
                .secretsKeys(TestServices.SECRETS_KEY)
                .shutdownGrace(Duration.ofSeconds(2))
                .start();
    }

    @AfterAll
    static void stop() {
        if (engine != null) {
            engine.close();
        }
        for (AutoCloseable service : new AutoCloseable[] {platformAzurite, tenantAzurite, postgres}) {
            try {
                if (service != null) {
                    service.close();
                }
            } catch (Exception e) {
                // the next service is closed all the same
            }
        }
    }

    @Test
    void thePlatformsAccountIsUsedWithBearerTokensOfThePlatformsIdentityForQueuesAndBlobs() {
        engine.tenants().create(new TenantSpec("on-platform", "on-platform", "jobs", Map.of(), Map.of(), null));

        engine.routes().ingest("on-platform", "jobs", "{\"jobId\": \"small\", \"behaviour\": \"ok\"}", Optional.empty());
        String notes = "x".repeat(200_000); // over a queue message's 64 KiB: the payload waits in the platform's blobs
        engine.routes().ingest("on-platform", "jobs", "{\"jobId\": \"large\", \"behaviour\": \"ok\", \"notes\": \"" + notes
                + "\"}", Optional.empty());

        await().atMost(Duration.ofSeconds(60)).until(() -> effects("on-platform", "recorder") == 2);
        assertThat(queuesOf(platformAzurite)).anyMatch(name -> name.startsWith("on-platform"));
        assertThat(queuesOf(tenantAzurite)).noneMatch(name -> name.startsWith("on-platform"));
        assertThat(blobContainersOf(platformAzurite)).contains("conveyor-claims");
        assertThat(tokens.issued()).contains(new TestTokens.Issued("", List.of("https://storage.azure.com/.default")));
    }

    @Test
    void aTenantsOwnAccountIsUsedWithTheIdentityTheOperatorAllowedForIt() {
        StorageAccount own = new StorageAccount.EntraId(URI.create(tenantAzurite.queueEndpoint()), null, TENANT_IDENTITY);
        engine.tenants().create(new TenantSpec("own-account", "own-account", "jobs", Map.of(), Map.of(), own.stored()));

        engine.routes().ingest("own-account", "jobs", "{\"jobId\": \"mine\", \"behaviour\": \"ok\"}", Optional.empty());

        await().atMost(Duration.ofSeconds(60)).until(() -> effects("own-account", "recorder") == 1);
        assertThat(queuesOf(tenantAzurite)).anyMatch(name -> name.startsWith("own-account"));
        assertThat(queuesOf(platformAzurite)).noneMatch(name -> name.startsWith("own-account"));
        assertThat(tokens.issued()).contains(new TestTokens.Issued(TENANT_IDENTITY, List.of("https://storage.azure.com/.default")));
    }

    @Test
    void aTenantsOwnAccountByConnectionStringStillWorks() {
        engine.tenants().create(new TenantSpec("own-key", "own-key", "jobs", Map.of(), Map.of(),
                tenantAzurite.connectionString()));

        engine.routes().ingest("own-key", "jobs", "{\"jobId\": \"keyed\", \"behaviour\": \"ok\"}", Optional.empty());

        await().atMost(Duration.ofSeconds(60)).until(() -> effects("own-key", "recorder") == 1);
        assertThat(queuesOf(tenantAzurite)).anyMatch(name -> name.startsWith("own-key"));
    }

    @Test
    void aTenantCannotAimThePlatformsIdentityAtAnotherHostOrUseAnIdentityTheOperatorDidNotAllow() {
        assertThatThrownBy(() -> createWithOwnAccount("metadata", "https://169.254.169.254/metadata", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.field()).isEqualTo("storageQueueEndpoint"))
                        .anySatisfy(v -> assertThat(v.message()).contains("is not an Azure Storage queue endpoint")));
        assertThatThrownBy(() -> createWithOwnAccount("cleartext", "http://acme.queue.core.windows.net", null))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.message()).contains("must use https")));
        assertThatThrownBy(() -> createWithOwnAccount("borrowed", tenantAzurite.queueEndpoint(), "someone-elses-identity"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .anySatisfy(v -> assertThat(v.field()).isEqualTo("storageIdentityClientId")));

        assertThat(sql.count("select count(*) from tenant where id in ('metadata', 'cleartext', 'borrowed')")).isZero();
        assertThat(tokens.issued()).noneMatch(issued -> issued.identity().equals("someone-elses-identity"));
    }

    @Test
    void azuriteRefusesAnExpiredTokenSoTheTokensAboveWereReallyChecked() {
        StorageConnector expired = StorageConnector.builder()
                .credentials(TestTokens.expired()::credentialOf)
                .httpClient(trustingHttpClient())
                .build();
        var queues = expired.platformQueues(new StorageAccount.EntraId(URI.create(platformAzurite.queueEndpoint()), null, null));

        assertThatThrownBy(() -> queues.createQueue("expired-token"))
                .isInstanceOfSatisfying(QueueStorageException.class,
                        e -> assertThat(e.getStatusCode()).isIn(401, 403));
        assertThat(queuesOf(platformAzurite)).doesNotContain("expired-token");
    }

    private static void createWithOwnAccount(String tenant, String queueEndpoint, String identity) {
        engine.tenants().create(new TenantSpec(tenant, tenant, "jobs", Map.of(), Map.of(),
                new StorageAccount.EntraId(URI.create(queueEndpoint), null, identity).stored()));
    }

    private static long effects(String tenant, String stage) {
        return sql.count("select count(*) from engine_test_effect where tenant_id = ? and stage = ?", tenant, stage);
    }

    /** The account's queues, listed with its key (Azurite takes both): what is there, whoever put it. */
    private static List<String> queuesOf(LocalAzurite azurite) {
        return new QueueServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(trustingHttpClient()).buildClient()
                .listQueues(new QueuesSegmentOptions().setIncludeMetadata(true), null, Context.NONE) // Azurite refuses an empty include=
                .stream().map(QueueItem::getName).toList();
    }

    private static List<String> blobContainersOf(LocalAzurite azurite) {
        return new BlobServiceClientBuilder().connectionString(azurite.connectionString())
                .httpClient(trustingHttpClient()).buildClient()
                .listBlobContainers().stream().map(container -> container.getName()).toList();
    }

    /** Trusts the test certificate only; the engine's own default stays the JDK's trust. */
    private static HttpClient trustingHttpClient() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(certificate.trustingSslContext())).build();
    }

    private static String authority(String endpoint) {
        return URI.create(endpoint).getAuthority();
    }
}
