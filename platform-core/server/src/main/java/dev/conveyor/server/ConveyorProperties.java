package dev.conveyor.server;

import dev.conveyor.engine.budget.TenantBudget;
import dev.conveyor.engine.tenant.StageCaps;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code conveyor.*}.
 *
 * @param database                the Postgres database, as its schema owner (migrations run as this user; queries
 *                                run as the {@code conveyor_app} role, to which row-level security applies)
 * @param storageConnectionString the Azure Storage (or Azurite) connection string of the platform's queues
 * @param bootstrapAdminKey       a platform admin key to register at start ({@code cvk_<12 hex>_<64 hex>}); without
 *                                it, one is generated and printed once when no platform admin key exists
 * @param tenants                 tenants to create at start if missing (idempotent)
 * @param shutdownGrace           how long in-flight messages may take to finish on shutdown
 * @param stages                  the stages this process consumes, by name (its role): empty for all, {@code none}
 *                                for an API-only process
 * @param retention               how long dead letters, attempts, inbox rows and idempotency keys are
 *                                kept before the hourly purge removes them
 * @param tenantBudget            what each tenant may use in this process (ingest rate, handlers in flight, pooled
 *                                connections); a tenant admin cannot change it
 * @param stageCaps               upper bounds on the stage settings a tenant admin may override
 */
@ConfigurationProperties("conveyor")
public record ConveyorProperties(
        Database database,
        String storageConnectionString,
        String bootstrapAdminKey,
        @DefaultValue List<ConfiguredTenant> tenants,
        @DefaultValue("20s") Duration shutdownGrace,
        @DefaultValue List<String> stages,
        @DefaultValue("7d") Duration retention,
        @DefaultValue Budget tenantBudget,
        @DefaultValue Caps stageCaps) {

    public ConveyorProperties {
        if (database == null || database.url() == null || database.url().isBlank()) {
            throw new IllegalArgumentException("conveyor.database.url is not set: give the JDBC URL of the Postgres"
                    + " database (and conveyor.database.user / password of its owner)");
        }
        if (storageConnectionString == null || storageConnectionString.isBlank()) {
            throw new IllegalArgumentException("conveyor.storage-connection-string is not set: give the connection string"
                    + " of the storage account (or Azurite) that holds the queues");
        }
    }

    public record Database(String url, @DefaultValue("postgres") String user, @DefaultValue("") String password,
            @DefaultValue("30") int poolSize) {
    }

    /**
     * {@code conveyor.tenant-budget.*}, per tenant and process: {@code ingest-per-second} and {@code ingest-burst}
     * (over it: 429 with Retry-After), {@code max-concurrency} (handlers in flight across the tenant's stages),
     * {@code max-connections} (pooled connections its transactions hold at once) and {@code connection-wait} (how
     * long an API request waits for one before a 503 with Retry-After).
     */
    public record Budget(@DefaultValue("100") long ingestPerSecond, @DefaultValue("200") long ingestBurst,
            @DefaultValue("64") int maxConcurrency, @DefaultValue("20") int maxConnections,
            @DefaultValue("500ms") Duration connectionWait) {

        public TenantBudget toEngine() {
            return new TenantBudget(ingestPerSecond, ingestBurst, maxConcurrency, maxConnections, connectionWait);
        }
    }

    /** {@code conveyor.stage-caps.*}: the most a tenant admin may set per stage; a PATCH above a cap answers 400. */
    public record Caps(@DefaultValue("32") int batchSize, @DefaultValue("10m") Duration lease,
            @DefaultValue("20") int maxDeliveries, @DefaultValue("10m") Duration retryBackoff,
            @DefaultValue("1h") Duration maxRetryBackoff, @DefaultValue("1m") Duration maxIdlePoll) {

        public StageCaps toEngine() {
            return new StageCaps(batchSize, lease, maxDeliveries, retryBackoff, maxRetryBackoff, maxIdlePoll);
        }
    }

    /** A tenant declared in configuration: id (slug), industry plugin id, display name and plugin config. */
    public record ConfiguredTenant(String id, String plugin, String displayName, @DefaultValue Map<String, String> config) {
    }
}
