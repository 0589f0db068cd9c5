package dev.conveyor.server;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.apikey.IssuedKey;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.TenantSpec;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine, makes sure an admin can get in, and creates the tenants declared in configuration. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean(destroyMethod = "close")
    ConveyorEngine conveyorEngine(ConveyorProperties properties) {
        ConveyorProperties.Database database = properties.database();
        ConveyorEngine engine = ConveyorEngine.builder()
                .database(database.url(), database.user(), database.password())
                .poolSize(database.poolSize())
                .storageConnectionString(properties.storageConnectionString())
                .plugins(PluginRegistry.fromClassPath())
                .shutdownGrace(properties.shutdownGrace())
                .runsStages(stage -> properties.stages().isEmpty() || properties.stages().contains(stage.stageName()))
                .retention(properties.retention())
                .egressAllow(properties.egress().allow())
                .start();
        Optional<IssuedKey> generated = engine.apiKeys().bootstrap(Optional.ofNullable(properties.bootstrapAdminKey())
                .filter(key -> !key.isBlank()));
        generated.ifPresent(key -> {
            // Shown once, on the console and not in the log file: it is the way in for the first operator.
            System.out.println("Generated the bootstrap platform admin API key (shown once, store it now):");
            System.out.println("    " + key.token());
            log.warn("generated a bootstrap platform admin API key (id {}); it was printed once on the console", key.key().id());
        });
        return engine;
    }

    @Bean
    SmartLifecycle configuredTenants(ConveyorEngine engine, ConveyorProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                for (ConveyorProperties.ConfiguredTenant tenant : properties.tenants()) {
                    engine.createTenant(new TenantSpec(tenant.id(),
                            tenant.displayName() == null ? tenant.id() : tenant.displayName(), tenant.plugin(),
                            tenant.config(), Map.of(), null));
                }
                running = true;
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
