package dev.conveyor.engine.storage;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How to reach one storage account: a connection string (account key or SAS inside), or Microsoft Entra ID, where the
 * account is named by its endpoints and the platform signs in with an identity it holds. Stored as one string
 * (see {@link #stored()}), the same column that holds a tenant's connection string, encrypted like it.
 */
public sealed interface StorageAccount permits StorageAccount.ConnectionString, StorageAccount.EntraId {

    /** Marks the Entra ID form; no Azure connection string carries it. */
    String ENTRA_ID_MARK = "Authentication=EntraId";

    /** The form kept in configuration and in the tenant row; {@link #parse} reads it back. */
    String stored();

    /** An Azure Storage connection string, with the account's key or a SAS (or Azurite's well-known key). */
    record ConnectionString(String value) implements StorageAccount {

        public ConnectionString {
            requireNonNull(value, "value is null");
            if (value.isBlank()) {
                throw new IllegalArgumentException("the storage connection string is empty");
            }
        }

        @Override
        public String stored() {
            return value;
        }

        /** Never the key. */
        @Override
        public String toString() {
            return "ConnectionString[****]";
        }
    }

    /**
     * An account reached with a Microsoft Entra ID token.
     *
     * @param queueEndpoint    {@code https://<account>.queue.core.windows.net}
     * @param blobEndpoint     {@code https://<account>.blob.core.windows.net}, or null: no claim-check blobs there
     * @param identityClientId the client id of a user-assigned managed (or workload) identity, or null for the
     *                         platform's own identity ({@code DefaultAzureCredential}'s choice)
     */
    record EntraId(URI queueEndpoint, URI blobEndpoint, String identityClientId) implements StorageAccount {

        public EntraId {
            requireNonNull(queueEndpoint, "queueEndpoint is null");
            if (identityClientId != null && identityClientId.isBlank()) {
                identityClientId = null;
            }
            // ';' separates the parts of the stored form: a value holding one could smuggle in another part.
            for (Object part : new Object[] {queueEndpoint, blobEndpoint, identityClientId}) {
                if (part != null && part.toString().contains(";")) {
                    throw new IllegalArgumentException("'" + part + "' must not contain ';'");
                }
            }
        }

        @Override
        public String stored() {
            StringBuilder stored = new StringBuilder(ENTRA_ID_MARK).append(";QueueEndpoint=").append(queueEndpoint);
            if (blobEndpoint != null) {
                stored.append(";BlobEndpoint=").append(blobEndpoint);
            }
            if (identityClientId != null) {
                stored.append(";IdentityClientId=").append(identityClientId);
            }
            return stored.toString();
        }
    }

    /**
     * Reads {@link #stored()}: the Entra ID form when it carries {@value #ENTRA_ID_MARK}, else a connection string.
     *
     * @throws IllegalArgumentException when the Entra ID form names no queue endpoint or an endpoint is no URI
     */
    static StorageAccount parse(String stored) {
        requireNonNull(stored, "stored is null");
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : stored.split(";")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parts.put(part.substring(0, equals).trim().toLowerCase(Locale.ROOT), part.substring(equals + 1).trim());
            }
        }
        if (!"entraid".equalsIgnoreCase(parts.get("authentication"))) {
            return new ConnectionString(stored);
        }
        String queue = parts.get("queueendpoint");
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException("the Entra ID storage account names no QueueEndpoint: give"
                    + " QueueEndpoint=https://<account>.queue.core.windows.net");
        }
        String blob = parts.get("blobendpoint");
        return new EntraId(URI.create(queue), blob == null || blob.isBlank() ? null : URI.create(blob),
                parts.get("identityclientid"));
    }
}
