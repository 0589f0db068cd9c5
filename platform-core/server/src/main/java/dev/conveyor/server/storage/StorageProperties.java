package dev.conveyor.server.storage;

import dev.conveyor.engine.storage.StorageAccount;
import dev.conveyor.engine.storage.StorageConnector;
import dev.conveyor.engine.storage.StoragePolicy;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code conveyor.storage.*}: the platform's storage account by endpoint, reached with Microsoft Entra ID
 * ({@code DefaultAzureCredential}: workload identity, managed identity, developer login) instead of
 * {@code conveyor.storage-connection-string}, and what tenants may name for accounts of their own.
 *
 * @param queueEndpoint              {@code https://<account>.queue.core.windows.net}; set it or the connection string
 * @param blobEndpoint               {@code https://<account>.blob.core.windows.net}, where large payloads wait
 *                                   (without it, payloads over a queue message's 64 KiB are refused)
 * @param identityClientId           the client id of the user-assigned identity to sign in with (when the pod or VM
 *                                   has several, or for workload identity); empty for the default one
 * @param tenantIdentityClientIds    user-assigned identities a tenant may name for its own account
 * @param platformIdentityForTenants whether a tenant's own account may be reached with the platform's identity (off by
 *                                   default: every tenant could then name any account that identity has a role on)
 * @param allowedHosts               hosts besides {@code *.queue.core.windows.net} a tenant may name ({@code
 *                                   storage.internal}, {@code *.queue.core.chinacloudapi.cn}, {@code 10.1.2.3:10001})
 */
public record StorageProperties(
        String queueEndpoint,
        String blobEndpoint,
        String identityClientId,
        @DefaultValue List<String> tenantIdentityClientIds,
        @DefaultValue("false") boolean platformIdentityForTenants,
        @DefaultValue List<String> allowedHosts) {

    public StorageProperties {
        tenantIdentityClientIds = List.copyOf(tenantIdentityClientIds == null ? List.of() : tenantIdentityClientIds);
        allowedHosts = List.copyOf(allowedHosts == null ? List.of() : allowedHosts);
    }

    /**
     * The platform's account: the connection string when one is set, else the endpoints with Entra ID.
     *
     * @throws IllegalArgumentException when neither or both are set, or an endpoint is not https, naming the setting
     */
    public StorageAccount platformAccount(String connectionString) {
        boolean byConnectionString = connectionString != null && !connectionString.isBlank();
        boolean byEndpoint = queueEndpoint != null && !queueEndpoint.isBlank();
        if (byConnectionString && byEndpoint) {
            throw new IllegalArgumentException("both conveyor.storage-connection-string and conveyor.storage.queue-endpoint"
                    + " are set: keep the connection string (account key) or the endpoints (Microsoft Entra ID), not both");
        }
        if (byConnectionString) {
            return StorageAccount.parse(connectionString);
        }
        if (!byEndpoint) {
            throw new IllegalArgumentException("no storage account is configured: set conveyor.storage.queue-endpoint"
                    + " (and conveyor.storage.blob-endpoint) to reach it with Microsoft Entra ID, or"
                    + " conveyor.storage-connection-string (CONVEYOR_STORAGE_CONNECTION_STRING) to the connection string of"
                    + " the storage account (or Azurite) that holds the queues");
        }
        return new StorageAccount.EntraId(https("conveyor.storage.queue-endpoint", queueEndpoint, "queue"),
                blobEndpoint == null || blobEndpoint.isBlank() ? null : https("conveyor.storage.blob-endpoint", blobEndpoint, "blob"),
                identityClientId);
    }

    /** How the engine signs in to storage, and what it lets tenants name. */
    public StorageConnector toConnector() {
        return StorageConnector.builder()
                .platformIdentityClientId(identityClientId)
                .policy(new StoragePolicy(Set.copyOf(allowedHosts), Set.copyOf(tenantIdentityClientIds),
                        platformIdentityForTenants))
                .build();
    }

    private static URI https(String setting, String value, String service) {
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(setting + " '" + value + "' is not an https URL: give https://<account>."
                    + service + ".core.windows.net (a token is sent only over https)");
        }
        return uri;
    }
}
