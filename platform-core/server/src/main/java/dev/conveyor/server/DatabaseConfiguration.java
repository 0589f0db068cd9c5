package dev.conveyor.server;

import com.zaxxer.hikari.HikariDataSource;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.database.RequestPoolSettings;
import dev.conveyor.engine.plugin.PluginRegistry;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Spring Boot owns Postgres, set up as {@link DatabaseSetup} describes it from {@code conveyor.database.*}: the
 * platform's migrations (a Flyway bean run at start, which the {@code flyway} endpoint lists; the plugins' follow it)
 * and the four connection pools (Hikari beans: {@code hikaricp.*} metrics, closed at shutdown after the engine). The
 * {@code db} health contributor is in the {@code health} package. With
 * {@code conveyor.database.migrate-on-start=false} the migrations are only checked: {@code conveyor.mode=migrate} ran
 * them (the {@code migration} package).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    /** The initializer's bean name: the pools log in as roles its migrations' callback sets up, so they wait for it. */
    private static final String MIGRATIONS = "flywayInitializer";

    @Bean
    DatabaseSetup databaseSetup(ConveyorProperties properties) {
        ConveyorProperties.Database database = properties.database();
        return new DatabaseSetup(database.url(), database.user(), database.password());
    }

    @Bean
    Flyway flyway(DatabaseSetup setup) {
        return setup.platformMigrations();
    }

    @Bean(MIGRATIONS)
    FlywayMigrationInitializer flywayInitializer(Flyway flyway, DatabaseSetup setup, PluginRegistry plugins,
            ConveyorProperties properties) {
        if (!properties.database().migrateOnStart()) {
            // The release's migrations ran once before (conveyor.mode=migrate): check, and refuse a schema behind.
            return new FlywayMigrationInitializer(flyway, platform -> setup.requireMigrated(platform, plugins.all()));
        }
        return new FlywayMigrationInitializer(flyway, platform -> setup.migrate(platform, plugins.all()));
    }

    @Bean
    RequestPoolSettings requestPoolSettings(ConveyorProperties properties) {
        ConveyorProperties.RequestPool requestPool = properties.database().requestPool();
        return new RequestPoolSettings(requestPool.size(), requestPool.connectionTimeout(), requestPool.networkTimeout(),
                requestPool.openFor());
    }

    @Bean
    @DependsOn(MIGRATIONS)
    HikariDataSource applicationDataSource(DatabaseSetup setup, ConveyorProperties properties) {
        return new HikariDataSource(setup.applicationPool(properties.database().poolSize()));
    }

    @Bean
    @DependsOn(MIGRATIONS)
    HikariDataSource platformDataSource(DatabaseSetup setup) {
        return new HikariDataSource(setup.platformPool());
    }

    @Bean
    @DependsOn(MIGRATIONS)
    HikariDataSource applicationRequestsDataSource(DatabaseSetup setup, RequestPoolSettings settings) {
        return new HikariDataSource(setup.applicationRequestPool(settings));
    }

    @Bean
    @DependsOn(MIGRATIONS)
    HikariDataSource platformRequestsDataSource(DatabaseSetup setup, RequestPoolSettings settings) {
        return new HikariDataSource(setup.platformRequestPool(settings));
    }

    /** The pools as the engine takes them; Spring closes each pool bean, so this bean closes nothing. */
    @Bean(destroyMethod = "")
    DatabasePools databasePools(@Qualifier("applicationDataSource") HikariDataSource application,
            @Qualifier("platformDataSource") HikariDataSource platform,
            @Qualifier("applicationRequestsDataSource") HikariDataSource applicationRequests,
            @Qualifier("platformRequestsDataSource") HikariDataSource platformRequests, RequestPoolSettings settings) {
        return new DatabasePools(application, platform,
                Optional.of(new DatabasePools.Requests(applicationRequests, platformRequests, settings)));
    }
}
