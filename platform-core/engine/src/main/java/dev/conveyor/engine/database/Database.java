package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
 * row-level security on every table with a {@code tenant_id} column (so a plugin cannot forget it); the
 * application's own queries run as {@value #APP_ROLE}, to which those policies apply, in transactions that say
 * which tenant they act for.
 */
public final class Database implements AutoCloseable {

    /** The session setting the row-level security policies read to find the current tenant. */
    public static final String TENANT_SETTING = "conveyor.tenant_id";
    /** Set in platform transactions (outbox sweeper, API-key lookup), which act for every tenant. */
    public static final String PLATFORM_SETTING = "conveyor.platform";
    /** The role application queries run as: not superuser, not owner, no BYPASSRLS. */
    public static final String APP_ROLE = "conveyor_app";

    private static final long SECURE_TABLES_LOCK = 0x436f6e76524c53L;

    private final HikariDataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;
    private volatile TenantGate tenantGate = TenantGate.OPEN;

    private Database(HikariDataSource dataSource, EntityManagerFactory entityManagerFactory) {
        this.dataSource = dataSource;
        this.entityManagerFactory = entityManagerFactory;
    }

    /**
     * Migrates as {@code user} (the schema owner), secures every tenant table, and opens a pool of
     * {@code poolSize} connections whose transactions run as {@value #APP_ROLE}.
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize, Collection<DomainPlugin> plugins) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        migrate(jdbcUrl, user, password, plugins);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setPoolName("conveyor");
        config.setAutoCommit(false);
        HikariDataSource dataSource = new HikariDataSource(config);
        List<Class<?>> entities = plugins.stream().flatMap(plugin -> plugin.entityClasses().stream()).toList();
        EntityManagerFactory entityManagerFactory = new HibernatePersistenceConfiguration("conveyor")
                .managedClasses(entities)
                .property("hibernate.connection.datasource", dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .property("hibernate.hbm2ddl.auto", "none")
                .createEntityManagerFactory();
        return new Database(dataSource, entityManagerFactory);
    }

    private static void migrate(String jdbcUrl, String user, String password, Collection<DomainPlugin> plugins) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations("classpath:db/platform")
                .table("flyway_history_platform")
                .load()
                .migrate();
        for (DomainPlugin plugin : plugins) {
            plugin.migrationsLocation().ifPresent(location -> Flyway.configure()
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
     * Grants the application role its tables and puts a tenant isolation policy on every table with a
     * {@code tenant_id} column, forced so that it holds even for the table owner. Idempotent.
     */
    private static void secureTenantTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        List<String> tenantTables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("""
                        select t.table_name,
                               exists (select 1 from information_schema.columns c
                                       where c.table_schema = t.table_schema and c.table_name = t.table_name
                                         and c.column_name = 'tenant_id') as has_tenant,
                               exists (select 1 from pg_policies p
                                       where p.schemaname = t.table_schema and p.tablename = t.table_name
                                         and p.policyname = 'tenant_isolation') as has_policy
                        from information_schema.tables t
                        where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
                          and t.table_name not like 'flyway_history_%'""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
                if (rows.getBoolean(2) && !rows.getBoolean(3)) {
                    tenantTables.add(rows.getString(1));
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("grant select, insert, update, delete on " + quote(table) + " to " + APP_ROLE);
            }
            statement.execute("grant usage, select, update on all sequences in schema public to " + APP_ROLE);
            String visible = "tenant_id = current_setting('" + TENANT_SETTING + "', true)"
                    + " or current_setting('" + PLATFORM_SETTING + "', true) = 'on'";
            for (String table : tenantTables) {
                statement.execute("alter table " + quote(table) + " enable row level security");
                statement.execute("alter table " + quote(table) + " force row level security");
                statement.execute("create policy tenant_isolation on " + quote(table) + " using (" + visible
                        + ") with check (" + visible + ")");
            }
        }
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction on behalf of {@code tenantId}: row-level security shows it that
     * tenant's rows only; the transaction commits when {@code work} returns and rolls back when it throws.
     */
    public <T> T inTenantTransaction(String tenantId, Function<EntityManager, T> work) {
        requireNonNull(tenantId, "tenantId is null");
        try (TenantGate.Admission admitted = tenantGate.admit(tenantId)) {
            return inTransaction(TENANT_SETTING, tenantId, work);
        }
    }

    /** Puts {@code gate} (the tenants' connection budgets) in front of every tenant transaction from now on. */
    public void gateTenantTransactions(TenantGate gate) {
        this.tenantGate = requireNonNull(gate, "gate is null");
    }

    /** A transaction acting for every tenant: platform housekeeping such as the outbox sweeper. */
    public <T> T inPlatformTransaction(Function<EntityManager, T> work) {
        return inTransaction(PLATFORM_SETTING, "on", work);
    }

    private <T> T inTransaction(String setting, String value, Function<EntityManager, T> work) {
        try (EntityManager entityManager = entityManagerFactory.createEntityManager()) {
            EntityTransaction transaction = entityManager.getTransaction();
            transaction.begin();
            try {
                // One round trip: act as the application role (row-level security applies to it) and say for whom,
                // both for this transaction only, so that no pooled connection keeps either.
                execute(entityManager, "select set_config('role', ?, true), set_config(?, ?, true)", APP_ROLE, setting,
                        value);
                T result = work.apply(entityManager);
                transaction.commit();
                return result;
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
        entityManagerFactory.close();
        dataSource.close();
    }
}
