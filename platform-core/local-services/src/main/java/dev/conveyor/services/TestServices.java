package dev.conveyor.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Postgres and Azurite, started once per JVM on first use and stopped when it exits. Tests share them and keep
 * out of each other's way by using tenants of their own.
 *
 * <p>Which services, by the system property {@value #MODE_PROPERTY} or the environment variable
 * {@value #MODE_VARIABLE}:
 * <ul>
 *   <li>{@code embedded} (the default, and what CI runs): Postgres 17 from the embedded-postgres binaries and
 *       Azurite from npm ({@link LocalPostgres}, {@link LocalAzurite});</li>
 *   <li>{@code testcontainers}: a {@code postgres:17} container and the Azurite image, for machines with a Docker
 *       engine and no Node.js (needs {@code org.testcontainers:testcontainers-postgresql} on the test class path);</li>
 *   <li>{@code auto}: containers where a Docker engine answers, embedded otherwise.</li>
 * </ul>
 * The choice is logged. {@code CONVEYOR_DB_URL} (with {@code CONVEYOR_DB_USER} and {@code CONVEYOR_DB_PASSWORD})
 * points tests at an existing Postgres instead of either.
 */
public final class TestServices {

    public static final String MODE_PROPERTY = "conveyor.test-services";
    public static final String MODE_VARIABLE = "CONVEYOR_TEST_SERVICES";

    /**
     * The secrets key tests encrypt tenant secrets with (base64 of 32 bytes): fixed, so that every engine and server
     * of a test run reads what another stored. Never use it outside tests.
     */
    public static final String SECRETS_KEY = "dGVzdC1vbmx5LXNlY3JldHMta2V5LTMyLWJ5dGVzISE=";

    private static final Logger log = LoggerFactory.getLogger(TestServices.class);
    private static volatile TestServices instance;

    private final DatabaseSettings database;
    private final String storageConnectionString;

    private TestServices(DatabaseSettings database, String storageConnectionString) {
        this.database = database;
        this.storageConnectionString = storageConnectionString;
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
        return storageConnectionString;
    }

    /** Where the services come from: {@link TestServices}' setting. */
    enum Mode {
        EMBEDDED, TESTCONTAINERS, AUTO;

        static Mode configured() {
            String value = Optional.ofNullable(System.getProperty(MODE_PROPERTY))
                    .or(() -> Optional.ofNullable(System.getenv(MODE_VARIABLE)))
                    .map(String::strip).filter(text -> !text.isEmpty()).orElse("embedded");
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(MODE_PROPERTY + " is '" + value
                        + "'; set it to embedded, testcontainers or auto");
            }
        }
    }

    private static TestServices start() {
        Mode mode = Mode.configured();
        boolean containers = switch (mode) {
            case EMBEDDED -> false;
            case TESTCONTAINERS -> true;
            case AUTO -> testcontainersOnClassPath() && ContainerServices.dockerAvailable();
        };
        Optional<DatabaseSettings> existing = DatabaseSettings.fromEnvironment();
        log.info("test services: {} ({}={}){}", containers ? "Testcontainers (postgres:17, Azurite image)"
                : "embedded Postgres 17 and Azurite from npm", MODE_PROPERTY, mode.name().toLowerCase(Locale.ROOT),
                existing.map(database -> "; Postgres at CONVEYOR_DB_URL " + database.jdbcUrl()).orElse(""));
        if (containers) {
            if (!testcontainersOnClassPath()) {
                throw new IllegalStateException(MODE_PROPERTY + "=testcontainers needs"
                        + " org.testcontainers:testcontainers-postgresql on the test class path (the testkit brings it);"
                        + " add it, or set " + MODE_PROPERTY + "=embedded");
            }
            ContainerServices services = ContainerServices.start(existing.isEmpty());
            return new TestServices(existing.orElseGet(services::database), services.storageConnectionString());
        }
        try {
            Path scratch = Files.createTempDirectory("conveyor-test-");
            LocalAzurite azurite = LocalAzurite.start(scratch.resolve("azurite"));
            DatabaseSettings database = existing.orElseGet(() -> {
                LocalPostgres postgres = LocalPostgres.start(Optional.empty());
                Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-stop"));
                return new DatabaseSettings(postgres.jdbcUrl(), postgres.user(), postgres.password());
            });
            return new TestServices(database, azurite.connectionString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checked before {@link ContainerServices} is loaded: without Testcontainers it could not be. */
    private static boolean testcontainersOnClassPath() {
        try {
            Class.forName("org.testcontainers.postgresql.PostgreSQLContainer", false, TestServices.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
