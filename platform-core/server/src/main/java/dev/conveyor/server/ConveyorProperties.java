package dev.conveyor.server;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code conveyor.*}.
 *
 * @param storageConnectionString the Azure Storage (or Azurite) connection string of the queues
 * @param tenants                 tenants to run, declared in configuration until the admin API creates them
 * @param shutdownGrace           how long in-flight messages may take to finish on shutdown
 */
@ConfigurationProperties("conveyor")
public record ConveyorProperties(
        String storageConnectionString,
        @DefaultValue List<ConfiguredTenant> tenants,
        @DefaultValue("20s") Duration shutdownGrace) {

    public ConveyorProperties {
        if (storageConnectionString == null || storageConnectionString.isBlank()) {
            throw new IllegalArgumentException("conveyor.storage-connection-string is not set: give the connection string"
                    + " of the storage account (or Azurite) that holds the queues, e.g. in CONVEYOR_STORAGE_CONNECTION_STRING");
        }
    }

    /** A tenant declared in configuration: id (slug), industry plugin id and display name. */
    public record ConfiguredTenant(String id, String plugin, String displayName) {
    }
}
