package dev.conveyor.server.health;

import dev.conveyor.engine.database.DatabasePools;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code db} in health: Spring Boot's check of API requests' pools, {@code application} and {@code platform} (short
 * waits and a socket timeout, so a probe answers within about a second while Postgres is away). The engine's own pools
 * are left out: a consumer may wait 30 s for one of their connections, a probe must not. (Readiness stays with
 * {@link DatabaseReadinessIndicator}, which a flood of probes does not repeat.)
 */
@Configuration(proxyBeanMethods = false)
class DatabaseHealthConfiguration {

    @Bean
    HealthContributor dbHealthContributor(DatabasePools pools) {
        DatabasePools.Requests requests = pools.requests().orElseThrow(() -> new IllegalStateException(
                "the server's database has no request pools to check"));
        return CompositeHealthContributor.fromMap(Map.of("application", requests.application(), "platform",
                requests.platform()), DataSourceHealthIndicator::new);
    }
}
