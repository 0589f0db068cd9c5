package dev.conveyor.engine.queue;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Which queue service each tenant's queues live in: the platform's storage account, or the tenant's own
 * (large tenants; an account does 20,000 msg/s).
 */
public final class TenantTransports {

    private final QueueTransport platform;
    private final BiFunction<String, String, QueueTransport> connect;
    private final Map<String, QueueTransport> own = new ConcurrentHashMap<>();

    /**
     * @param connect opens a transport for a tenant (first argument) to its own account, as stored for it (a
     *                connection string or the Entra ID form of {@link dev.conveyor.engine.storage.StorageAccount})
     */
    public TenantTransports(QueueTransport platform, BiFunction<String, String, QueueTransport> connect) {
        this.platform = requireNonNull(platform, "platform is null");
        this.connect = requireNonNull(connect, "connect is null");
    }

    public QueueTransport platform() {
        return platform;
    }

    public QueueTransport forTenant(String tenantId) {
        return own.getOrDefault(tenantId, platform);
    }

    /** Routes the tenant to its own account, or back to the platform's when {@code connectionString} is null. */
    public QueueTransport assign(String tenantId, String connectionString) {
        if (connectionString == null || connectionString.isBlank()) {
            own.remove(tenantId);
            return platform;
        }
        return own.computeIfAbsent(tenantId, id -> connect.apply(id, connectionString));
    }
}
