package dev.conveyor.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Postgres and Azurite, started once per JVM on first use and stopped when it exits. Tests share them and keep
 * out of each other's way by using tenants of their own. {@code CONVEYOR_DB_URL} (with {@code CONVEYOR_DB_USER}
 * and {@code CONVEYOR_DB_PASSWORD}) points tests at an existing Postgres instead of the embedded one.
 */
public final class TestServices {

    /**
     * The secrets key tests encrypt tenant secrets with (base64 of 32 bytes): fixed, so that every engine and server
     * of a test run reads what another stored. Never use it outside tests.
     */
    public static final String SECRETS_KEY = "dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=";

    private static volatile TestServices instance;

    private final DatabaseSettings database;
    private final LocalAzurite azurite;

    private TestServices(DatabaseSettings database, LocalAzurite azurite) {
        this.database = database;
        this.azurite = azurite;
    }

    public static TestServices get() {
        TestServices services = instance;
        if (services == null) {
            synchronized (TestServices.class) {
                services = instance;
                if (services == null) {
                    services = start();
                    instance = services;
                }
            }
        }
        return services;
    }

    public DatabaseSettings database() {
        return database;
    }

    public String storageConnectionString() {
        return azurite.connectionString();
    }

    private static TestServices start() {
        try {
            Path scratch = Files.createTempDirectory("conveyor-test-");
            LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
            DatabaseSettings database = DatabaseSettings.fromEnvironment().orElseGet(() -> {
                LocalPostgres postgres = LocalPostgres.start(Optional.empty());
                Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
                return new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
            });
            return new TestServices(database, azurite);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
