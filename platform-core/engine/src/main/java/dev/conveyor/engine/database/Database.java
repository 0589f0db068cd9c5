package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import com.zaxxer.hikari.HikariDataSource;
import dev.conveyor.engine.persistence.Repositories;
import dev.conveyor.engine.persistence.TenantAssignment;
import dev.conveyor.engine.persistence.TransactionScope;
import dev.conveyor.sdk.DomainPlugin;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The engine's view of Postgres. As the owner it migrates the platform schema and each plugin's, then puts
 * row-level security on every table with a {@code tenant_id} column (so a plugin cannot forget it). The
 * application then logs in as {@value #APP_ROLE}, to which those policies apply, in transactions that say which
 * tenant they act for; platform housekeeping (sweeper, API-key lookup, tenant records) logs in as
 * {@value #PLATFORM_ROLE}. Neither login can become the owner or the other: {@code RESET ROLE} on an application
 * connection leaves it the application role, so row-level security is enforced, not advisory.
 */
public final class Database implements AutoCloseable {

    /** The session setting the row-level security policies read to find the current tenant. */
    public static final String TENANT_SETTING = "conveyor.tenant_id";
    /** The login of application transactions: not superuser, not owner, no BYPASSRLS, a member of no role. */
    public static final String APP_ROLE = "conveyor_app";
    /** The login of platform housekeeping, which acts for every tenant: no BYPASSRLS, explicit grants. */
    public static final String PLATFORM_ROLE = "conveyor_platform";

    /** Platform transactions are short and few (sweeps, key lookups, tenant records): a small pool of their own. */
    private static final int PLATFORM_POOL_SIZE = 5;

    private static final long SECURE_TABLES_LOCK = 0x436f6e76524c53L;

    private final HikariDataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;
    private final HikariDataSource platformDataSource;
    private final EntityManagerFactory platformEntityManagerFactory;
    /** API requests' own pools with short deadlines; null when the engine serves no API (tests, benchmarks). */
    private final RequestPool requestPool;
    private final RequestPool platformRequestPool;
    private final Repositories repositories;
    private volatile TenantGate tenantGate = TenantGate.OPEN;

    private Database(HikariDataSource dataSource, EntityManagerFactory entityManagerFactory,
            HikariDataSource platformDataSource, EntityManagerFactory platformEntityManagerFactory,
            RequestPool requestPool, RequestPool platformRequestPool) {
        this.dataSource = dataSource;
        this.entityManagerFactory = entityManagerFactory;
        this.platformDataSource = platformDataSource;
        this.platformEntityManagerFactory = platformEntityManagerFactory;
        this.requestPool = requestPool;
        this.platformRequestPool = platformRequestPool;
        this.repositories = new Repositories(entityManagerFactory);
    }

    /**
     * Migrates as {@code user} (the schema owner), secures every tenant table, gives {@value #APP_ROLE} and
     * {@value #PLATFORM_ROLE} their logins, and opens a pool of {@code poolSize} application connections and a
     * small pool of platform connections.
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
            Collection<? extends DomainPlugin<?>> plugins) {
        return open(jdbcUrl, user, password, poolSize, plugins, null);
    }

    /**
     * As {@link #open(String, String, String, int, Collection)}, plus a pool of its own for API requests
     * ({@link #servingRequest()}) with the given short deadlines; {@code requestPool} may be null (no such pool).
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize,
            Collection<? extends DomainPlugin<?>> plugins, RequestPoolSettings requestPool) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        migrate(jdbcUrl, user, password, plugins);
        HikariConfig app = poolConfig(jdbcUrl, APP_ROLE, LoginRoles.password(password, APP_ROLE), poolSize);
        HikariConfig platform = poolConfig(jdbcUrl, PLATFORM_ROLE, LoginRoles.password(password, PLATFORM_ROLE),
                PLATFORM_POOL_SIZE);
        HikariDataSource dataSource = new HikariDataSource(app);
        HikariDataSource platformDataSource = new HikariDataSource(platform);
        List<Class<?>> entities = plugins.stream().flatMap(plugin -> plugin.persistence().entities().stream()).toList();
        CircuitBreaker breaker = requestPool == null ? null : RequestPool.breaker(requestPool);
        return new Database(dataSource, entityManagerFactory("conveyor", entities, dataSource), platformDataSource,
                entityManagerFactory("conveyor-platform", List.of(), platformDataSource),
                requestPool == null ? null : new RequestPool(app, requestPool,
                        pool -> entityManagerFactory("conveyor-requests", entities, pool), breaker),
                requestPool == null ? null : new RequestPool(platform, requestPool,
                        pool -> entityManagerFactory("conveyor-platform-requests", List.of(), pool), breaker));
    }

    private static HikariConfig poolConfig(String jdbcUrl, String role, String password, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(role);
        config.setPassword(password);
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

    private static EntityManagerFactory entityManagerFactory(String name, List<Class<?>> entities, DataSource dataSource) {
        EntityManagerFactory factory = new HibernatePersistenceConfiguration(name)
                .managedClasses(entities)
                .property("hibernate.connection.datasource", dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .property("hibernate.hbm2ddl.auto", "none")
                // Bean Validation checks messages, items and settings; entities are checked by their plugins' rules.
                .validationMode(jakarta.persistence.ValidationMode.NONE)
                .createEntityManagerFactory();
        TenantAssignment.install(factory);
        return factory;
    }

    /**
     * Marks the calling thread as serving an API request until the returned scope is closed: its transactions then
     * use the request pool (short deadlines, circuit breaker) and fail with {@link DatabaseUnavailableException}
     * when Postgres does not answer in time. Without a request pool it changes nothing.
     */
    public static RequestScope servingRequest() {
        return RequestPool.serving();
    }

    /** The end of a {@link #servingRequest()} scope; closing it throws nothing. Scopes nest. */
    @FunctionalInterface
    public interface RequestScope extends AutoCloseable {
        @Override
        void close();
    }

    private static void migrate(String jdbcUrl, String user, String password,
            Collection<? extends DomainPlugin<?>> plugins) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/platform")
                .table("flyway_history_platform")
                .load()
                .migrate();
        for (DomainPlugin<?> plugin : plugins) {
            plugin.persistence().migrations().ifPresent(location -> Flyway.configure()
                    .dataSource(jdbcUrl, user, password)
                    .locations(location)
                    .table("flyway_history_" + plugin.id().replace('-', '_'))
                    // The schema already holds the platform's tables: start this plugin's history at zero.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate());
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            // Several processes may start at once (a deployment's replicas): one secures the tables at a time.
            try (Statement lock = connection.createStatement()) {
                lock.execute("select pg_advisory_lock(" + SECURE_TABLES_LOCK + ")");
            }
            try {
                LoginRoles.ensure(connection, password, APP_ROLE, PLATFORM_ROLE);
                secureTenantTables(connection);
            } finally {
                try (Statement unlock = connection.createStatement()) {
                    unlock.execute("select pg_advisory_unlock(" + SECURE_TABLES_LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up row-level security: " + e.getMessage(), e);
        }
    }

    /**
     * Puts a tenant isolation policy on every table with a {@code tenant_id} column, forced so that it holds even
     * for the table owner, and grants the roles their tables: the application role only the tenant tables (so
     * it reads neither the tenant registry nor anything else that is not scoped to one tenant), the platform role
     * every table. Idempotent; replaces the policy of earlier versions, which let a session setting claim the
     * platform.
     */
    private static void secureTenantTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<String> tenantTables = new ArrayList<>();
        List<String> unsecured = new ArrayList<>();
        String visible = "tenant_id = current_setting('" + TENANT_SETTING + "', true) or current_user = '"
                + PLATFORM_ROLE + "'";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select t.table_name,
                               exists (select 1 from information_schema.columns c
                                       where c.table_schema = t.table_schema and c.table_name = t.table_name
                                         and c.column_name = 'tenant_id') as has_tenant,
                               exists (select 1 from pg_policies p
                                       where p.schemaname = t.table_schema and p.tablename = t.table_name
                                         and p.policyname = 'tenant_isolation'
                                         and p.qual like '%%%s%%') as has_policy
                        from information_schema.tables t
                        where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                          and t.table_name not like 'flyway_history_%%'""".formatted(PLATFORM_ROLE))) {
            while (rows.next()) {
                tables.add(rows.getString(1));
                if (rows.getBoolean(2)) {
                    tenantTables.add(rows.getString(1));
                    if (!rows.getBoolean(3)) {
                        unsecured.add(rows.getString(1));
                    }
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("grant select, insert, update, delete on " + quote(table) + " to " + PLATFORM_ROLE);
                statement.execute((tenantTables.contains(table) ? "grant" : "revoke") + " select, insert, update, delete on "
                        + quote(table) + (tenantTables.contains(table) ? " to " : " from ") + APP_ROLE);
            }
            for (String role : List.of(APP_ROLE, PLATFORM_ROLE)) {
                statement.execute("grant usage on schema " + quote(currentSchema(connection)) + " to " + role);
                statement.execute("grant usage, select, update on all sequences in schema "
                        + quote(currentSchema(connection)) + " to " + role);
            }
            for (String table : unsecured) {
                statement.execute("alter table " + quote(table) + " enable row level security");
                statement.execute("alter table " + quote(table) + " force row level security");
                statement.execute("drop policy if exists tenant_isolation on " + quote(table));
                statement.execute("create policy tenant_isolation on " + quote(table) + " using (" + visible
                        + ") with check (" + visible + ")");
            }
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet schema = statement.executeQuery("select current_schema()")) {
            schema.next();
            return schema.getString(1);
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** The plugins' Spring Data repositories, each working in the transaction of the thread that calls it. */
    public Repositories repositories() {
        return repositories;
    }

    /**
     * Runs {@code work} in one transaction on behalf of {@code tenantId}: row-level security shows it that
     * tenant's rows only; the transaction commits when {@code work} returns and rolls back when it throws.
     */
    public <T> T inTenantTransaction(String tenantId, Function<EntityManager, T> work) {
        requireNonNull(tenantId, "tenantId is null");
        try (TenantGate.Admission admitted = tenantGate.admit(tenantId)) {
            return inTransaction(entityManagerFactory, requestPool, tenantId, work);
        }
    }

    /** Puts {@code gate} (the tenants' connection budgets) in front of every tenant transaction from now on. */
    public void gateTenantTransactions(TenantGate gate) {
        this.tenantGate = requireNonNull(gate, "gate is null");
    }

    /** A transaction acting for every tenant, as {@value #PLATFORM_ROLE}: platform housekeeping such as the sweeper. */
    public <T> T inPlatformTransaction(Function<EntityManager, T> work) {
        return inTransaction(platformEntityManagerFactory, platformRequestPool, null, work);
    }

    private static <T> T inTransaction(EntityManagerFactory factory, RequestPool requests, String tenantId,
            Function<EntityManager, T> work) {
        if (requests != null && RequestPool.isServing()) {
            return requests.call(() -> runTransaction(requests.entityManagerFactory(), requests.networkTimeout(), tenantId,
                    work));
        }
        return runTransaction(factory, null, tenantId, work);
    }

    private static <T> T runTransaction(EntityManagerFactory factory, Duration networkTimeout, String tenantId,
            Function<EntityManager, T> work) {
        try (EntityManager entityManager = factory.createEntityManager()) {
            EntityTransaction transaction = entityManager.getTransaction();
            transaction.begin();
            try {
                if (networkTimeout != null) {
                    // A stopped or unreachable Postgres leaves a read waiting forever; a request waits this long.
                    // The pool restores the connection's own timeout when it is returned.
                    onConnection(entityManager, connection -> {
                        connection.setNetworkTimeout(Runnable::run, (int) networkTimeout.toMillis());
                        return null;
                    });
                }
                if (tenantId != null) {
                    // For this transaction only, so that no pooled connection keeps it.
                    execute(entityManager, "select set_config(?, ?, true)", TENANT_SETTING, tenantId);
                }
                // Bound through the commit: its flush may persist entities (cascades) that need the tenant.
                try (TransactionScope.Scope bound = TransactionScope.bind(entityManager, tenantId)) {
                    T result = work.apply(entityManager);
                    transaction.commit();
                    return result;
                }
            } catch (RuntimeException | Error e) {
                if (transaction.isActive()) {
                    try {
                        transaction.rollback();
                    } catch (RuntimeException rollbackFailure) {
                        e.addSuppressed(rollbackFailure);
                    }
                }
                throw e;
            }
        }
    }

    /**
     * Runs {@code work} on the JDBC connection of {@code entityManager}'s transaction. For the statements run once per
     * message (the transaction's role, inbox, outbox): a native query through Hibernate cost about as much CPU as the
     * round trip itself, JDBC a fraction of it. Hibernate does not flush pending entity changes first.
     */
    public static <T> T onConnection(EntityManager entityManager, ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    /** One statement through {@link #onConnection}; returns its update count, or -1 when it returned rows. */
    public static int execute(EntityManager entityManager, String sql, Object... parameters) {
        return onConnection(entityManager, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return statement.execute() ? -1 : statement.getUpdateCount();
            }
        });
    }

    @Override
    public void close() {
        if (requestPool != null) {
            requestPool.close();
            platformRequestPool.close();
        }
        entityManagerFactory.close();
        platformEntityManagerFactory.close();
        dataSource.close();
        platformDataSource.close();
    }
}
