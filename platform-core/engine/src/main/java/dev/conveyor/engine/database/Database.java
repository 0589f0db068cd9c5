package dev.conveyor.engine.database;

import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conveyor.sdk.DomainPlugin;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The engine's view of Postgres: migrates the platform schema and each plugin's, builds the JPA
 * {@link EntityManagerFactory} over every plugin's entities, and runs work in tenant-scoped transactions.
 */
public final class Database implements AutoCloseable {

    /** The session setting row-level security policies read to find the current tenant. */
    public static final String TENANT_SETTING = "conveyor.tenant_id";

    private final DataSource dataSource;
    private final EntityManagerFactory entityManagerFactory;

    private Database(DataSource dataSource, EntityManagerFactory entityManagerFactory) {
        this.dataSource = dataSource;
        this.entityManagerFactory = entityManagerFactory;
    }

    /** A connection pool sized for the engine's consumers plus the API. */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maximumPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumPoolSize);
        config.setPoolName("conveyor");
        // Handlers own their transactions; autocommit off saves a round trip per transaction start.
        config.setAutoCommit(false);
        return new HikariDataSource(config);
    }

    /** Migrates the platform schema, then each plugin's with a history table of its own, and opens JPA. */
    public static Database open(DataSource dataSource, Collection<DomainPlugin> plugins) {
        requireNonNull(dataSource, "dataSource is null");
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/platform")
                .table("flyway_history_platform")
                .load()
                .migrate();
        for (DomainPlugin plugin : plugins) {
            plugin.migrationsLocation().ifPresent(location -> Flyway.configure()
                    .dataSource(dataSource)
                    .locations(location)
                    .table("flyway_history_" + plugin.id().replace('-', '_'))
                    // The schema already holds the platform's tables: start this plugin's history at zero.
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate());
        }
        List<Class<?>> entities = plugins.stream().flatMap(plugin -> plugin.entityClasses().stream()).toList();
        HibernatePersistenceConfiguration configuration = new HibernatePersistenceConfiguration("conveyor")
                .managedClasses(entities)
                .property("hibernate.connection.datasource", dataSource)
                .property("hibernate.jdbc.time_zone", "UTC")
                .property("hibernate.hbm2ddl.auto", "none");
        return new Database(dataSource, configuration.createEntityManagerFactory());
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public EntityManagerFactory entityManagerFactory() {
        return entityManagerFactory;
    }

    /**
     * Runs {@code work} in one transaction on behalf of {@code tenantId}: the tenant is set for row-level
     * security before anything else, the transaction commits when {@code work} returns and rolls back when it throws.
     */
    public <T> T inTenantTransaction(String tenantId, Function<EntityManager, T> work) {
        requireNonNull(tenantId, "tenantId is null");
        return inPlatformTransaction(entityManager -> {
            entityManager.createNativeQuery("select set_config('" + TENANT_SETTING + "', ?1, true)")
                    .setParameter(1, tenantId)
                    .getSingleResult();
            return work.apply(entityManager);
        });
    }

    /** A transaction that belongs to no tenant: platform housekeeping such as the outbox sweeper. */
    public <T> T inPlatformTransaction(Function<EntityManager, T> work) {
        try (EntityManager entityManager = entityManagerFactory.createEntityManager()) {
            EntityTransaction transaction = entityManager.getTransaction();
            transaction.begin();
            try {
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

    @Override
    public void close() {
        entityManagerFactory.close();
    }
}
