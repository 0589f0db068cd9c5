package dev.conveyor.engine.database;

import dev.conveyor.engine.persistence.Repositories;
import dev.conveyor.engine.persistence.TenantAssignment;
import jakarta.persistence.EntityManagerFactory;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * One JPA persistence unit: the platform's (no entities; its statements are native) or one plugin's (its entities
 * only, so entity names never collide across plugins). It is bound to no pool: each transaction opens a session on
 * a connection the {@link Database} took from the pool it chose (the application's, the platform's, or API requests'),
 * so one unit serves every pool and platform statements share the handler's connection and transaction.
 */
final class PersistenceUnit implements AutoCloseable {

    private final SessionFactoryImplementor sessionFactory;
    private final Repositories repositories;

    private PersistenceUnit(SessionFactoryImplementor sessionFactory) {
        this.sessionFactory = sessionFactory;
        this.repositories = new Repositories(sessionFactory);
    }

    /**
     * A unit of {@code entities}, loaded through {@code classLoader}; {@code metadata} is a pool Hibernate may ask once
     * for what the database supports.
     */
    static PersistenceUnit create(String name, List<Class<?>> entities, ClassLoader classLoader, DataSource metadata) {
        requireNonNull(name, "name is null");
        EntityManagerFactory factory = new HibernatePersistenceConfiguration(name)
                .managedClasses(entities)
                .property(AvailableSettings.CLASSLOADERS, List.of(classLoader))
                .property("hibernate.connection.datasource", metadata)
                .property("hibernate.jdbc.time_zone", "UTC")
                .property("hibernate.hbm2ddl.auto", "none")
                // Bean Validation checks messages, items and settings; entities are checked by their plugins' rules.
                .validationMode(jakarta.persistence.ValidationMode.NONE)
                .createEntityManagerFactory();
        TenantAssignment.install(factory);
        return new PersistenceUnit(factory.unwrap(SessionFactoryImplementor.class));
    }

    /** The unit's Spring Data repositories, each working in the transaction of the thread that calls it. */
    Repositories repositories() {
        return repositories;
    }

    /**
     * A connection from {@code pool}; a failure to get one is reported as Hibernate reports it when it connects by
     * itself (a {@code JDBCConnectionException} for a Postgres that is away), so outages are told apart as before.
     */
    Connection connect(DataSource pool) {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw sessionFactory.getJdbcServices().getSqlExceptionHelper().convert(e, "Unable to acquire JDBC Connection");
        }
    }

    /** A session on {@code connection}; closing it leaves the connection open. */
    Session open(Connection connection) {
        return sessionFactory.withOptions().connection(connection).openSession();
    }

    @Override
    public void close() {
        sessionFactory.close();
    }
}
