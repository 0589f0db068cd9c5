package dev.conveyor.server.storage;

import dev.conveyor.engine.storage.StorageAccount;
import dev.conveyor.engine.storage.StoragePolicy;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * How a tenant create request names the tenant's own storage account: {@code storageConnectionString}, or
 * {@code storageQueueEndpoint} with an optional {@code storageIdentityClientId} (Microsoft Entra ID), or neither (the
 * platform's account). The engine checks the endpoint and identity against the operator's policy.
 */
public final class TenantStorageRequest {

    private TenantStorageRequest() {
    }

    /**
     * The account as the engine stores it, or null for the platform's.
     *
     * @throws ValidationException when the fields contradict each other or the endpoint is no URL
     */
    public static String stored(String connectionString, String queueEndpoint, String identityClientId) {
        boolean byConnectionString = connectionString != null && !connectionString.isBlank();
        boolean byEndpoint = queueEndpoint != null && !queueEndpoint.isBlank();
        boolean identityNamed = identityClientId != null && !identityClientId.isBlank();
        if (byConnectionString && (byEndpoint || identityNamed)) {
            throw invalid(byEndpoint ? StoragePolicy.QUEUE_ENDPOINT_FIELD : StoragePolicy.IDENTITY_FIELD,
                    "cannot be combined with storageConnectionString: give the connection string (account key or SAS),"
                            + " or storageQueueEndpoint and optionally storageIdentityClientId (Microsoft Entra ID)");
        }
        if (byConnectionString) {
            return connectionString;
        }
        if (!byEndpoint) {
            if (identityNamed) {
                throw invalid(StoragePolicy.IDENTITY_FIELD, "applies only to a tenant's own account: give"
                        + " storageQueueEndpoint too, or leave it out to use the platform's account");
            }
            return null;
        }
        try {
            return new StorageAccount.EntraId(new URI(queueEndpoint.trim()), null, identityNamed ? identityClientId.trim() : null)
                    .stored();
        } catch (IllegalArgumentException e) {
            throw invalid(identityNamed && identityClientId.contains(";") ? StoragePolicy.IDENTITY_FIELD
                    : StoragePolicy.QUEUE_ENDPOINT_FIELD, e.getMessage());
        } catch (URISyntaxException e) {
            throw invalid(StoragePolicy.QUEUE_ENDPOINT_FIELD, "'" + queueEndpoint + "' is not a URL: give"
                    + " https://<account>.queue.core.windows.net");
        }
    }

    private static ValidationException invalid(String field, String message) {
        return new ValidationException("tenant storage account", List.of(new Violation(field, message)));
    }
}
