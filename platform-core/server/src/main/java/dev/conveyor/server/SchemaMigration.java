package dev.conveyor.server;

import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.plugin.PluginFailure;
import dev.conveyor.engine.plugin.PluginDiscovery;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.sdk.DomainPlugin;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code conveyor.mode=migrate}: the platform's and every installed plugin's migrations, run once per release (the
 * Helm chart's pre-install/pre-upgrade Job) so that no pod migrates at start. It reads the same settings as the server
 * ({@code conveyor.database.*}, {@code conveyor.plugins-dir}) in a Spring application holding nothing else: no engine,
 * no web server, no queues. A plugin that fails to install fails the run, since its tables would be missing.
 */
final class SchemaMigration {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {
    }

    static void run(Map<String, Object> defaultProperties, String... args) {
        SpringApplication application = new SpringApplication(SchemaMigration.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setBannerMode(Banner.Mode.OFF);
        application.setDefaultProperties(defaultProperties);
        try (ConfigurableApplicationContext context = application.run(args)) {
            Binder settings = Binder.get(context.getEnvironment());
            ConveyorProperties.Database database = settings.bind("conveyor.database", ConveyorProperties.Database.class)
                    .map(Optional::of).orElse(Optional.empty()).filter(bound -> bound.url() != null && !bound.url().isBlank())
                    .orElseThrow(() -> new IllegalArgumentException("conveyor.database.url is not set: give the JDBC URL"
                            + " of the Postgres database to migrate (CONVEYOR_DATABASE_URL) and its owner"
                            + " (CONVEYOR_DATABASE_USER, CONVEYOR_DATABASE_PASSWORD)"));
            PluginRegistry plugins = PluginDiscovery.discover(PluginsConfiguration.pluginsDirectory(
                    settings.bind("conveyor.plugins-dir", String.class).orElse(null)));
            if (!plugins.failures().isEmpty()) {
                throw new IllegalStateException("not migrating: these plugins failed to install, so their tables would"
                        + " be missing: " + plugins.failures().stream().map(SchemaMigration::describe)
                        .collect(Collectors.joining("; ")));
            }
            DatabaseSetup setup = new DatabaseSetup(database.url(), database.user(), database.password());
            setup.migrate(setup.platformMigrations(), plugins.all());
            log.info("migrated the platform and plugins {} in {}", plugins.all().stream()
                    .map(DomainPlugin::id).sorted().toList(), database.url());
        }
    }

    private static String describe(PluginFailure failure) {
        return "'" + failure.id() + "' (" + failure.source() + "): " + failure.reason();
    }
}
