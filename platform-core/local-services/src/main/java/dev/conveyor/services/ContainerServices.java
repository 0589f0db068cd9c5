package dev.conveyor.services;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Postgres 17 and Azurite in containers, for {@link TestServices} on a machine with a Docker engine. Testcontainers
 * is an optional dependency of this module (the distribution's demo never needs it): this class is only loaded
 * once {@link TestServices} found Testcontainers on the class path.
 */
final class ContainerServices {

    static final String POSTGRES_IMAGE = "postgres:17";
    static final String AZURITE_IMAGE = "mcr.microsoft.com/azure-storage/azurite";
    private static final int BLOB_PORT = 10000;
    private static final int QUEUE_PORT = 10001;

    private final PostgreSQLContainer postgres;
    private final GenericContainer<?> azurite;

    private ContainerServices(PostgreSQLContainer postgres, GenericContainer<?> azurite) {
        this.postgres = postgres;
        this.azurite = azurite;
    }

    /** Whether a Docker engine answers. */
    static boolean dockerAvailable() {
        return Docker.available();
    }

    /** Starts Azurite, and Postgres unless {@code withPostgres} is false (an existing one is configured). */
    static ContainerServices start(boolean withPostgres) {
        PostgreSQLContainer postgres = null;
        if (withPostgres) {
            postgres = new PostgreSQLContainer(DockerImageName.parse(POSTGRES_IMAGE))
                    .withCommand("postgres", "-c", "max_connections=400");
            postgres.start();
        }
        GenericContainer<?> azurite = new GenericContainer<>(DockerImageName.parse(AZURITE_IMAGE))
                .withExposedPorts(BLOB_PORT, QUEUE_PORT)
                .withCommand("azurite", "--blobHost", "0.0.0.0", "--queueHost", "0.0.0.0", "--skipApiVersionCheck",
                        "--disableProductStyleUrl");
        azurite.start();
        // Testcontainers' reaper removes both when the JVM exits.
        return new ContainerServices(postgres, azurite);
    }

    DatabaseSettings database() {
        if (postgres == null) {
            throw new IllegalStateException("no Postgres container was started");
        }
        return new DatabaseSettings(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    String storageConnectionString() {
        String host = "http://" + azurite.getHost() + ":";
        return "DefaultEndpointsProtocol=http;AccountName=" + LocalAzurite.ACCOUNT + ";AccountKey=" + LocalAzurite.ACCOUNT_KEY
                + ";QueueEndpoint=" + host + azurite.getMappedPort(QUEUE_PORT) + "/" + LocalAzurite.ACCOUNT
                + ";BlobEndpoint=" + host + azurite.getMappedPort(BLOB_PORT) + "/" + LocalAzurite.ACCOUNT + ";";
    }

    /** Asks for a Docker engine only once Testcontainers is known to be there. */
    private static final class Docker {
        static boolean available() {
            try {
                return DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}
