package dev.conveyor.engine.claim;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.policy.RequestRetryOptions;
import com.azure.storage.common.policy.RetryPolicyType;
import java.time.Duration;
import java.util.Optional;

/** {@link ClaimStore} on Azure Blob Storage, one container ({@value #CONTAINER}); references are {@code blob:<name>}. */
public final class BlobClaimStore implements ClaimStore {

    static final String CONTAINER = "conveyor-claims";
    private static final String PREFIX = "blob:";

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
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(connectionString)
                .httpClient(new JdkHttpClientBuilder().build())
                .retryOptions(new RequestRetryOptions(RetryPolicyType.EXPONENTIAL, 4, Duration.ofSeconds(60),
                        Duration.ofMillis(200), Duration.ofSeconds(5), null))
                .buildClient()
                .getBlobContainerClient(CONTAINER);
        return Optional.of(new BlobClaimStore(container));
    }

    @Override
    public String put(String name, String payload) {
        try {
            container.getBlobClient(name).upload(BinaryData.fromString(payload), true);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() != 404) {
                throw e;
            }
            container.createIfNotExists();
            container.getBlobClient(name).upload(BinaryData.fromString(payload), true);
        }
        return PREFIX + name;
    }

    @Override
    public String get(String reference) {
        try {
            return container.getBlobClient(name(reference)).downloadContent().toString();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) {
                throw new ClaimMissingException(reference, e);
            }
            throw e;
        }
    }

    @Override
    public void delete(String reference) {
        container.getBlobClient(name(reference)).deleteIfExists();
    }

    private static String name(String reference) {
        if (!reference.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a claim reference: " + reference);
        }
        return reference.substring(PREFIX.length());
    }
}
