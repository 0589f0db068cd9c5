package dev.conveyor.engine.queue;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which queue service each tenant's queues live in: the platform's storage account, or the tenant's own
 * (large tenants; an account does 20,000 msg/s).
 */
public final class TenantTransports {

    private final QueueTransport platform;
    private final Function<String, QueueTransport> connect;
    private final Map<String, QueueTransport> own = new ConcurrentHashMap<>();

    /**
     * @param connect opens a transport for a tenant's own connection string
     */
    public TenantTransports(QueueTransport platform, Function<String, QueueTransport> connect) {
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
        return own.computeIfAbsent(tenantId, id -> connect.apply(connectionString));
    }
}
