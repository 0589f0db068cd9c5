package dev.conveyor.server;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.apikey.IssuedKey;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.notification.NotificationOptions;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.secrets.OwnerOnlyFiles;
import dev.conveyor.engine.secrets.SecretCipher;
import dev.conveyor.engine.telemetry.Telemetry;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.server.telemetry.TelemetryProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the engine, makes sure an admin can get in, and creates the tenants declared in configuration. */
@Configuration(proxyBeanMethods = false)
class EngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EngineConfiguration.class);

    @Bean(destroyMethod = "close")
    ConveyorEngine conveyorEngine(ConveyorProperties properties, DatabasePools pools, PluginRegistry plugins,
            NotificationOptions notifications, Telemetry telemetry, TelemetryProperties telemetryProperties) {
        ConveyorEngine engine = ConveyorEngine.builder()
                .database(pools)
                .storageConnectionString(properties.storage().platformAccount(properties.storageConnectionString()).stored())
                .storage(properties.storage().toConnector())
                .plugins(plugins)
                .shutdownGrace(properties.shutdownGrace())
                .deepIdle(properties.idle().deepAfter(), properties.idle().deepPoll())
                .runsStages(stage -> properties.stages().isEmpty() || properties.stages().contains(stage.stageName()))
                .retention(properties.retention())
                .secretsKeys(secretsKeys(properties.secrets()))
                .ingestSendDeadline(properties.ingestSendDeadline())
                .tenantBudget(properties.tenantBudget().toEngine())
                .stageCaps(properties.stageCaps().toEngine())
                .egressAllow(properties.egress().allow())
                .webhooks(properties.webhooks().toEngine())
                .notifications(notifications)
                .telemetry(telemetry, telemetryProperties.backlogPollInterval())
                .start();
        Optional<IssuedKey> generated = engine.apiKeys().bootstrap(Optional.ofNullable(properties.bootstrapAdminKey())
                .filter(key -> !key.isBlank()));
        generated.ifPresent(key -> {
            // Neither console nor log: both are collected and kept by others. A file only its owner may read.
            Path file = Path.of(properties.bootstrapAdminKeyFile()).toAbsolutePath();
            OwnerOnlyFiles.write(file, key.token());
            log.warn("generated a bootstrap platform admin API key (id {}); it is in {}, readable by its owner only",
                    key.key().id(), file);
        });
        return engine;
    }

    /**
     * The configured plugins directory (which must exist), else {@code plugins/} next to the server's jar if there is
     * one there.
     */
    /** The configured secrets keys, or the one kept in the configured key file (generated there when missing). */
    private static String secretsKeys(ConveyorProperties.Secrets secrets) {
        if (secrets.key() != null && !secrets.key().isBlank()) {
            return secrets.key();
        }
        if (secrets.keyFile() == null || secrets.keyFile().isBlank()) {
            throw new IllegalStateException("no secrets key is configured: set CONVEYOR_SECRETS_KEY (conveyor.secrets.key)"
                    + " to base64 of 32 random bytes (openssl rand -base64 32), or, for a single machine, pass"
                    + " --conveyor.secrets.key-file=.conveyor/secrets-key to keep a generated one in a file only its"
                    + " owner may read");
        }
        Path file = Path.of(secrets.keyFile()).toAbsolutePath();
        String key = OwnerOnlyFiles.readOrCreate(file, SecretCipher::generateKey);
        log.warn("tenant secrets are encrypted with the key in {} (no CONVEYOR_SECRETS_KEY is set); losing that file"
                + " makes them unreadable", file);
        return key;
    }

    @Bean
    SmartLifecycle configuredTenants(ConveyorEngine engine, ConveyorProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                for (ConveyorProperties.ConfiguredTenant tenant : properties.tenants()) {
                    if (tenant.plugin() != null && engine.plugins().failure(tenant.plugin()).isPresent()) {
                        // A faulty plugin stops its tenants, not the server (a plugin that is not there at all does).
                        log.error("configured tenant '{}' is not created: {}", tenant.id(),
                                engine.plugins().notInstalled(tenant.plugin()));
                        continue;
                    }
                    engine.tenants().create(new TenantSpec(tenant.id(),
                            tenant.displayName() == null ? tenant.id() : tenant.displayName(), tenant.plugin(),
                            new LinkedHashMap<>(tenant.config()), Map.of(), null));
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
