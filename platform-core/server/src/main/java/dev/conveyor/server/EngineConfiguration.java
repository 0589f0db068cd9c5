package dev.conveyor.server;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.queue.AzureQueueTransport;
import dev.conveyor.engine.tenant.TenantSpec;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine over Spring's connection pool and runs the configured tenants while the application runs. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    @Bean(destroyMethod = "close")
    ConveyorEngine conveyorEngine(DataSource dataSource, ConveyorProperties properties) {
        return ConveyorEngine.builder()
                .dataSource(dataSource)
                .transport(new AzureQueueTransport(properties.storageConnectionString()))
                .plugins(PluginRegistry.fromClassPath())
                .shutdownGrace(properties.shutdownGrace())
                .start();
    }

    @Bean
    SmartLifecycle configuredTenants(ConveyorEngine engine, ConveyorProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                for (ConveyorProperties.ConfiguredTenant tenant : properties.tenants()) {
                    engine.startTenant(new TenantSpec(tenant.id(),
                            tenant.displayName() == null ? tenant.id() : tenant.displayName(), tenant.plugin(), Map.of()));
                }
                running = true;
            }

            @Override
            public void stop() {
                // Stop consuming before the web server and the pool go away; in-flight messages get the grace period.
                engine.tenants().forEach(runtime -> engine.stopTenant(runtime.topology().tenant().id(), false));
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
