package dev.conveyor.deploy;

import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.LocalAzurite;
import dev.conveyor.services.LocalPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The services the server needs, from the environment when given ({@code CONVEYOR_DB_URL},
 * {@code CONVEYOR_STORAGE_CONNECTION_STRING}, or {@code CONVEYOR_STORAGE_QUEUEENDPOINT} for Microsoft Entra ID), else
 * started here: Postgres keeping its data in
 * {@code .conveyor/postgres}, Azurite in a fresh temporary folder (queues from an earlier run would only
 * slow Azurite down).
 */
final class LocalRuntime implements AutoCloseable {

    private final Map<String, Object> springProperties;
    private final LocalPostgres postgres;
    private final LocalAzurite azurite;
    private boolean closed;

    private LocalRuntime(Map<String, Object> springProperties, LocalPostgres postgres, LocalAzurite azurite) {
        this.springProperties = springProperties;
        this.postgres = postgres;
        this.azurite = azurite;
    }

    static LocalRuntime start(Path state) {
        Map<String, Object> properties = new HashMap<>();
        LocalPostgres postgres = null;
        DatabaseSettings database = DatabaseSettings.fromEnvironment().orElse(null);
        if (database == null) {
            System.out.println("Starting embedded Postgres 17 (data in " + state.resolve("postgres") + ") ...");
            postgres = LocalPostgres.start(Optional.of(state.resolve("postgres")));
            database = new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
        }
        properties.put("conveyor.database.url", database.jdbcUrl());
        properties.put("conveyor.database.user", database.user());
        properties.put("conveyor.database.password", database.password());
        LocalAzurite azurite = null;
        String storage = System.getenv("CONVEYOR_STORAGE_CONNECTION_STRING");
        boolean storageByEndpoint = isSet(System.getenv("CONVEYOR_STORAGE_QUEUEENDPOINT"))
                || isSet(System.getenv("CONVEYOR_STORAGE_QUEUE_ENDPOINT"));
        if (!isSet(storage) && storageByEndpoint) {
            // the account is reached with Microsoft Entra ID: the server reads conveyor.storage.* itself
            storage = null;
        } else if (!isSet(storage)) {
            System.out.println("Starting Azurite ...");
            try {
                azurite = LocalAzurite.start(Files.createTempDirectory("conveyor-azurite-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            storage = azurite.connectionString();
        }
        if (storage != null) {
            properties.put("conveyor.storage-connection-string", storage);
        }
        LocalRuntime runtime = new LocalRuntime(Map.copyOf(properties), postgres, azurite);
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::close, "local-runtime-stop"));
        return runtime;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    Map<String, Object> springProperties() {
        return springProperties;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (azurite != null) {
            azurite.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
