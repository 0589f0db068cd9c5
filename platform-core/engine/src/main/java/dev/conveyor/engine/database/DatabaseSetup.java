package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conveyor.sdk.DomainPlugin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateResult;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How Conveyor's Postgres is set up, written once for the server's Spring configuration, the tests and the
 * benchmarks. Migrations run as the schema owner: the platform's, then each plugin's with a history table of its own,
 * each followed by {@link RowLevelSecurity} (a Flyway callback), which also gives the login roles their passwords. The
 * pools then log in as {@value Database#APP_ROLE} and {@value Database#PLATFORM_ROLE}, so they open after the
 * migrations. The server has Spring Boot own the Flyway and pools described here (health, metrics, shutdown);
 * {@link #open} does the same steps for code without Spring.
 */
public final class DatabaseSetup {

    /** Platform transactions are short and few (sweeps, key lookups, tenant records): a small pool of their own. */
    private static final int PLATFORM_POOL_SIZE = 5;

    private final String jdbcUrl;
    private final String ownerUser;
    private final String ownerPassword;

    /** The database as its schema owner, who needs CREATEROLE (to give the login roles their logins). */
    public DatabaseSetup(String jdbcUrl, String ownerUser, String ownerPassword) {
        this.jdbcUrl = requireNonNull(jdbcUrl, "jdbcUrl is null");
        this.ownerUser = requireNonNull(ownerUser, "ownerUser is null");
        this.ownerPassword = ownerPassword == null ? "" : ownerPassword;
    }

    /** The platform's migrations ({@code classpath:db/platform}), as the owner, followed by row-level security. */
    public Flyway platformMigrations() {
        return Flyway.configure(DatabaseSetup.class.getClassLoader())
                .dataSource(jdbcUrl, ownerUser, ownerPassword)
                .locations("classpath:db/platform")
                .table("flyway_history_platform")
                .callbacks(new RowLevelSecurity(ownerPassword))
                .load();
    }

    /**
     * Migrates with {@code platform} (from {@link #platformMigrations()}), then each plugin that has migrations, in
     * its own class loader and history table, with the same row-level security after it.
     */
    public void migrate(Flyway platform, Collection<? extends DomainPlugin<?>> plugins) {
        platform.migrate();
        for (DomainPlugin<?> plugin : plugins) {
            pluginMigrations(plugin).ifPresent(Flyway::migrate);
        }
    }

    /**
     * For a process that does not migrate (a release's migrations ran once before its pods started): refuses, naming
     * the fix, when a migration of the platform ({@code platform}, from {@link #platformMigrations()}) or of a plugin is
     * not applied, or an applied one no longer matches this code (changed or failed). Migrations newer than this code
     * (a newer release migrated while this one still runs) are fine.
     *
     * @throws SchemaNotMigratedException naming each one behind and what to run
     */
    public void requireMigrated(Flyway platform, Collection<? extends DomainPlugin<?>> plugins) {
        List<String> problems = new ArrayList<>();
        problems.addAll(problems("the platform", platform));
        for (DomainPlugin<?> plugin : plugins) {
            pluginMigrations(plugin).ifPresent(flyway -> problems.addAll(problems("plugin '" + plugin.id() + "'", flyway)));
        }
        if (!problems.isEmpty()) {
            throw new SchemaNotMigratedException(problems);
        }
    }

    private static List<String> problems(String owner, Flyway flyway) {
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length > 0) {
            return List.of(owner + " has " + pending.length + " migration(s) not applied (" + Arrays.stream(pending)
                    .map(info -> info.getVersion() + " " + info.getDescription()).collect(Collectors.joining(", ")) + ")");
        }
        ValidateResult validation = flyway.validateWithResult();
        return validation.validationSuccessful ? List.of()
                : List.of(owner + "'s applied migrations do not match this release: " + validation.getAllErrorMessages());
    }

    /** The plugin's migrations, in its own class loader and history table, when it has any. */
    private Optional<Flyway> pluginMigrations(DomainPlugin<?> plugin) {
        PluginPersistence persistence = PluginPersistence.of(plugin);
        // A plugin's migrations are found by its class loader (one from a plugins/ folder is not the platform's), which
        // does not see the JDBC driver: Flyway gets a data source, not a URL.
        return persistence.migrations().map(location -> Flyway.configure(persistence.classLoader())
                .dataSource(ownerDataSource())
                .locations(location)
                .table(persistence.historyTable())
                // The schema already holds the platform's tables: start this plugin's history at zero.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .callbacks(new RowLevelSecurity(ownerPassword))
                .load());
    }

    private PGSimpleDataSource ownerDataSource() {
        PGSimpleDataSource owner = new PGSimpleDataSource();
        owner.setURL(jdbcUrl);
        owner.setUser(ownerUser);
        owner.setPassword(ownerPassword);
        return owner;
    }

    /** The application's pool: {@code size} connections as {@value Database#APP_ROLE}, grown on demand. */
    public HikariConfig applicationPool(int size) {
        return pool(Database.APP_ROLE, size);
    }

    /** The platform's pool: a few connections as {@value Database#PLATFORM_ROLE}. */
    public HikariConfig platformPool() {
        return pool(Database.PLATFORM_ROLE, PLATFORM_POOL_SIZE);
    }

    /**
     * API requests' own pool of {@value Database#APP_ROLE} connections: few, a short wait for one, and a socket
     * timeout, so that nothing on it (a health check included) waits long for a Postgres that stopped answering.
     */
    public HikariConfig applicationRequestPool(RequestPoolSettings settings) {
        return requestPool(Database.APP_ROLE, settings);
    }

    /** As {@link #applicationRequestPool}, of {@value Database#PLATFORM_ROLE} connections. */
    public HikariConfig platformRequestPool(RequestPoolSettings settings) {
        return requestPool(Database.PLATFORM_ROLE, settings);
    }

    /**
     * For code without Spring (tests, benchmarks): migrates as the server does, then opens the pools: {@code poolSize}
     * application connections, the platform's few, and API requests' own when {@code requestPool} is given (may be
     * null). The caller closes them, after the engine that uses them.
     */
    public DatabasePools open(Collection<? extends DomainPlugin<?>> plugins, int poolSize, RequestPoolSettings requestPool) {
        migrate(platformMigrations(), plugins);
        List<HikariDataSource> opened = new ArrayList<>();
        try {
            HikariDataSource applicationPool = open(applicationPool(poolSize), opened);
            HikariDataSource platformPool = open(platformPool(), opened);
            Optional<DatabasePools.Requests> requests = Optional.empty();
            if (requestPool != null) {
                requests = Optional.of(new DatabasePools.Requests(open(applicationRequestPool(requestPool), opened),
                        open(platformRequestPool(requestPool), opened), requestPool));
            }
            return new DatabasePools(applicationPool, platformPool, requests);
        } catch (RuntimeException e) {
            opened.forEach(HikariDataSource::close);
            throw e;
        }
    }

    private static HikariDataSource open(HikariConfig config, List<HikariDataSource> opened) {
        HikariDataSource pool = new HikariDataSource(config);
        opened.add(pool);
        return pool;
    }

    private HikariConfig pool(String role, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(role);
        config.setPassword(LoginRoles.password(ownerPassword, role));
        config.setMaximumPoolSize(size);
        // Grown on demand: a pool that kept all its connections open would hold them for every idle instance (and
        // an instance holds four pools), against the server's max_connections.
        config.setMinimumIdle(Math.min(2, size));
        config.setPoolName(role);
        config.setAutoCommit(false);
        config.addDataSourceProperty("ApplicationName", role);
        // Postgres details echo row values ("Key (email)=(...)"); exceptions and logs keep the message and SQLState.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        return config;
    }

    /** Each request's transaction sets the shorter {@link RequestPoolSettings#networkTimeout()} itself. */
    private HikariConfig requestPool(String role, RequestPoolSettings settings) {
        requireNonNull(settings, "settings is null");
        HikariConfig config = pool(role, settings.size());
        config.setPoolName(role + "-requests");
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 250));
        // pgjdbc counts it in whole seconds
        config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(1, ceilSeconds(settings.networkTimeout()))));
        return config;
    }

    private static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
