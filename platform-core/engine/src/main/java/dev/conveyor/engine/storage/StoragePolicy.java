package dev.conveyor.engine.storage;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a tenant may name for a storage account of its own reached with Microsoft Entra ID. The platform presents a
 * token of its own identity there, so a tenant must not point it at an arbitrary host: the endpoint must be an Azure
 * Storage queue endpoint over https ({@code https://<account>.queue.core.windows.net}) or a host the operator allows,
 * and the identity must be the platform's (when the operator lets tenants use it) or one the operator lists.
 * Internal addresses are not refused here: a private endpoint resolves a {@code *.queue.core.windows.net} name inside
 * the network, and is the recommended way to reach storage.
 *
 * @param allowedHosts            hosts allowed besides Azure's, exactly ({@code storage.internal}) or by suffix
 *                                ({@code *.queue.core.chinacloudapi.cn}); a port may follow ({@code 127.0.0.1:10001})
 * @param tenantIdentityClientIds client ids of user-assigned identities tenants may name
 * @param platformIdentityForTenants whether a tenant may leave the identity out and so use the platform's own
 */
public record StoragePolicy(Set<String> allowedHosts, Set<String> tenantIdentityClientIds,
        boolean platformIdentityForTenants) {

    public static final String QUEUE_ENDPOINT_FIELD = "storageQueueEndpoint";
    public static final String IDENTITY_FIELD = "storageIdentityClientId";

    private static final Pattern AZURE_QUEUE_HOST = Pattern.compile("[a-z0-9]{3,24}\\.queue\\.core\\.windows\\.net");

    public StoragePolicy {
        allowedHosts = requireNonNull(allowedHosts, "allowedHosts is null").stream()
                .map(host -> host.trim().toLowerCase(Locale.ROOT)).filter(host -> !host.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
        tenantIdentityClientIds = requireNonNull(tenantIdentityClientIds, "tenantIdentityClientIds is null").stream()
                .map(String::trim).filter(id -> !id.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Azure's queue endpoints only; tenants may use the platform's identity there. */
    public static StoragePolicy azureOnly() {
        return new StoragePolicy(Set.of(), Set.of(), true);
    }

    /** Every problem with a tenant's own account, each naming the request field and the fix; empty when it may be used. */
    public List<Violation> violations(StorageAccount account) {
        if (!(account instanceof StorageAccount.EntraId entraId)) {
            return List.of(); // a connection string carries its own key: the platform's identity is not presented
        }
        List<Violation> problems = new ArrayList<>();
        endpointProblem(entraId.queueEndpoint()).ifPresent(problem -> problems.add(new Violation(QUEUE_ENDPOINT_FIELD, problem)));
        if (entraId.blobEndpoint() != null) {
            problems.add(new Violation("storageBlobEndpoint", "is not used for a tenant's own account (large payloads"
                    + " wait in the platform's blob storage): leave it out"));
        }
        identityProblem(entraId.identityClientId()).ifPresent(problem -> problems.add(new Violation(IDENTITY_FIELD, problem)));
        return List.copyOf(problems);
    }

    private Optional<String> endpointProblem(URI endpoint) {
        String example = "https://<account>.queue.core.windows.net";
        if (!endpoint.isAbsolute() || endpoint.getHost() == null) {
            return Optional.of("'" + endpoint + "' is not an endpoint URL: give " + example);
        }
        if (!"https".equalsIgnoreCase(endpoint.getScheme())) {
            return Optional.of("must use https (the token travels with every request): give " + example);
        }
        if (endpoint.getRawUserInfo() != null || endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
            return Optional.of("must have no user, query or fragment: give " + example);
        }
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        boolean azure = AZURE_QUEUE_HOST.matcher(host).matches() && endpoint.getPort() == -1;
        if (azure || hostAllowed(host, endpoint.getPort())) {
            return Optional.empty();
        }
        return Optional.of("host '" + endpoint.getAuthority() + "' is not an Azure Storage queue endpoint: give "
                + example + ", or ask the operator to allow the host (conveyor.storage.allowed-hosts)");
    }

    private boolean hostAllowed(String host, int port) {
        String withPort = port == -1 ? host : host + ":" + port;
        for (String allowed : allowedHosts) {
            if (allowed.startsWith("*.")) {
                if (host.endsWith(allowed.substring(1)) && port == -1) {
                    return true;
                }
            } else if (allowed.equals(withPort) || (port == -1 && allowed.equals(host + ":443"))) {
                return true;
            }
        }
        return false;
    }

    private Optional<String> identityProblem(String clientId) {
        if (clientId == null) {
            return platformIdentityForTenants ? Optional.empty()
                    : Optional.of("is required: the operator does not let tenants use the platform's own"
                            + " identity; name one of the identities the operator allows (conveyor.storage"
                            + ".tenant-identity-client-ids), or give a storageConnectionString instead");
        }
        if (tenantIdentityClientIds.contains(clientId)) {
            return Optional.empty();
        }
        return Optional.of("identity '" + clientId + "' is not one the operator allows tenants to use: name one"
                + " listed in conveyor.storage.tenant-identity-client-ids, or leave it out to use the platform's identity");
    }
}
