package dev.conveyor.server;

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
 * @param egress                  what calls out of the platform may reach inside its network
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
        @DefaultValue Egress egress) {

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
     * Calls out of the platform (plugins' webhooks, data sync) reach any internet address, and inside the platform's
     * network (loopback, link-local and cloud metadata, private, CGNAT, unique-local, multicast) only what is listed
     * in {@code conveyor.egress.allow}: CIDR blocks ({@code 10.20.0.0/16}), IP addresses, or host:port
     * ({@code 127.0.0.1:8089}, {@code ehr.internal:443}). Tenants cannot change it.
     */
    public record Egress(@DefaultValue List<String> allow) {
    }

    /** A tenant declared in configuration: id (slug), industry plugin id, display name and plugin config. */
    public record ConfiguredTenant(String id, String plugin, String displayName, @DefaultValue Map<String, String> config) {
    }
}
