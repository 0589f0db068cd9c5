package dev.conveyor.engine.claim;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link ClaimStore} on Azure Blob Storage, one container ({@value #CONTAINER}) of the platform's account. */
public final class BlobClaimStore implements ClaimStore {

    static final String CONTAINER = "conveyor-claims";

    private final BlobContainerClient container;

    private BlobClaimStore(BlobContainerClient container) {
        this.container = container;
    }

    /** A store in the account of {@code connectionString}, if that account has a blob endpoint. */
    public static Optional<ClaimStore> forAccount(String connectionString) {
        boolean emulatorWithoutBlobs = connectionString.contains("QueueEndpoint=") && !connectionString.contains("BlobEndpoint=");
        if (emulatorWithoutBlobs) {
            return Optional.empty();
        }
        return Optional.of(over(new BlobServiceClientBuilder()
                .connectionString(connectionString)
                .httpClient(new JdkHttpClientBuilder().build())));
    }

    /**
     * A store over a builder that already names the account and how to sign in (an endpoint and a token credential,
     * say) and its HTTP client; the retry settings are added here.
     */
    public static ClaimStore over(BlobServiceClientBuilder account) {
        BlobContainerClient container = account
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 4, Duration.ofSeconds(60),
                        Duration.ofMillis(200), Duration.ofSeconds(5), null))
                .buildClient()
                .getBlobContainerClient(CONTAINER);
        return new BlobClaimStore(container);
    }

    @Override
    public void put(ClaimReference reference, String payload) {
        String name = reference.blobName();
        try {
            container.getBlobClient(name).upload(BinaryData.fromString(payload), true);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
            container.createIfNotExists();
            container.getBlobClient(name).upload(BinaryData.fromString(payload), true);
        }
    }

    @Override
    public String get(ClaimReference reference) {
        try {
            return container.getBlobClient(reference.blobName()).downloadContent().toString();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new ClaimMissingException(reference, e);
            }
            throw e;
        }
    }

    @Override
    public void delete(ClaimReference reference) {
        deleteStored(reference.blobName());
    }

    @Override
    public List<String> storedBefore(Instant cutoff, int limit) {
        List<String> names = new ArrayList<>();
        try {
            for (BlobItem blob : container.listBlobs(new ListBlobsOptions().setMaxResultsPerPage(Math.min(limit, 5000)), null)) {
                if (blob.getProperties().getLastModified().toInstant().isBefore(cutoff)) {
                    names.add(blob.getName());
                    if (names.size() >= limit) {
                        break;
                    }
                }
            }
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
            // no container yet: nothing was ever claimed
        }
        return names;
    }

    @Override
    public void deleteStored(String blobName) {
        container.getBlobClient(blobName).deleteIfExists();
    }
}
