package dev.conveyor.engine.storage;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.queue.QueueServiceClientBuilder;
import dev.conveyor.engine.claim.BlobClaimStore;
import dev.conveyor.engine.claim.ClaimStore;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.queue.QueueTransport;
import dev.conveyor.sdk.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Opens queue transports and claim stores for a {@link StorageAccount}: with its connection string, or with a
 * Microsoft Entra ID token of the platform's identity ({@code DefaultAzureCredential}: workload identity on
 * Kubernetes, managed identity on Azure, the developer's Azure CLI login on a workstation) or of a user-assigned
 * identity named by client id. A tenant's own account is checked against the {@link StoragePolicy} first.
 */
public final class StorageConnector {

    private final Function<String, TokenCredential> credentials;
    private final Map<String, TokenCredential> credentialByClientId = new ConcurrentHashMap<>();
    private final String platformIdentityClientId;
    private final HttpClient httpClient;
    private final StoragePolicy policy;

    private StorageConnector(Builder builder) {
        this.credentials = builder.credentials;
        this.httpClient = builder.httpClient != null ? builder.httpClient : new JdkHttpClientBuilder().build();
        this.policy = builder.policy;
        this.platformIdentityClientId = builder.platformIdentityClientId;
    }

    /** Entra ID through {@code DefaultAzureCredential}, Azure's queue endpoints only for tenants. */
    public static StorageConnector defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public StoragePolicy policy() {
        return policy;
    }

    /** The queues of the platform's own account (configured by the operator: not checked against the policy). */
    public QueueTransport platformQueues(StorageAccount account) {
        return queues(account);
    }

    /** The claim-check blobs of the platform's own account, when it has a blob endpoint. */
    public Optional<ClaimStore> platformClaims(StorageAccount account) {
        return switch (account) {
            case StorageAccount.ConnectionString connection -> BlobClaimStore.forAccount(connection.value());
            case StorageAccount.EntraId entraId -> Optional.ofNullable(entraId.blobEndpoint())
                    .map(endpoint -> BlobClaimStore.over(new BlobServiceClientBuilder()
                            .endpoint(endpoint.toString())
                            .credential(credentialOf(entraId))
                            .httpClient(httpClient)));
        };
    }

    /**
     * The queues of a tenant's own account, as stored for it. Checked again at every connect, not only when the
     * tenant was created: an identity the operator has since withdrawn is refused.
     *
     * @throws IllegalStateException when the policy refuses the account, naming why
     */
    public QueueTransport tenantQueues(String tenantId, StorageAccount account) {
        List<Violation> problems = policy.violations(account);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("the storage account of tenant '" + tenantId + "' is refused: " + problems.stream()
                    .map(problem -> problem.field() + " " + problem.message()).collect(Collectors.joining("; ")));
        }
        return queues(account);
    }

    private QueueTransport queues(StorageAccount account) {
        return switch (account) {
            case StorageAccount.ConnectionString connection -> AzureQueueTransport.over(new QueueServiceClientBuilder()
                    .connectionString(connection.value())
                    .httpClient(httpClient));
            case StorageAccount.EntraId entraId -> AzureQueueTransport.over(new QueueServiceClientBuilder()
                    .endpoint(entraId.queueEndpoint().toString())
                    .credential(credentialOf(entraId))
                    .httpClient(httpClient));
        };
    }

    private TokenCredential credentialOf(StorageAccount.EntraId account) {
        return credential(account.identityClientId() == null ? platformIdentityClientId : account.identityClientId());
    }

    private TokenCredential credential(String clientId) {
        // One credential per identity, made on first use (a platform on connection strings never needs Entra ID):
        // each caches its tokens and refreshes them before they expire.
        return credentialByClientId.computeIfAbsent(clientId == null ? "" : clientId,
                key -> credentials.apply(key.isEmpty() ? null : key));
    }

    public static final class Builder {
        private Function<String, TokenCredential> credentials = StorageConnector::defaultAzureCredential;
        private String platformIdentityClientId;
        private HttpClient httpClient;
        private StoragePolicy policy = StoragePolicy.azureOnly();

        private Builder() {
        }

        /**
         * Where tokens come from, by identity client id (null: the platform's default identity). By default
         * {@code DefaultAzureCredential}, told the client id of a user-assigned identity when one is named.
         */
        public Builder credentials(Function<String, TokenCredential> credentials) {
            this.credentials = requireNonNull(credentials, "credentials is null");
            return this;
        }

        /** The user-assigned identity the platform signs in with to its own account; null for the default one. */
        public Builder platformIdentityClientId(String clientId) {
            this.platformIdentityClientId = clientId == null || clientId.isBlank() ? null : clientId.trim();
            return this;
        }

        /** The HTTP client of every storage call made with a token (tests give one that trusts their certificate). */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = requireNonNull(httpClient, "httpClient is null");
            return this;
        }

        public Builder policy(StoragePolicy policy) {
            this.policy = requireNonNull(policy, "policy is null");
            return this;
        }

        public StorageConnector build() {
            return new StorageConnector(this);
        }
    }

    private static TokenCredential defaultAzureCredential(String clientId) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        if (clientId != null) {
            builder.managedIdentityClientId(clientId).workloadIdentityClientId(clientId);
        }
        return builder.build();
    }
}
