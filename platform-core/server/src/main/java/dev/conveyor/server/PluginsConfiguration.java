package dev.conveyor.server;

import dev.conveyor.engine.plugin.PluginDiscovery;
import dev.conveyor.engine.plugin.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The installed plugins: those on the class path and one per folder of the plugins directory (each in a class loader
 * of its own), with the ones that failed to install and why. Migrations, the pools and the engine all start from it.
 */
@Configuration(proxyBeanMethods = false)
class PluginsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PluginsConfiguration.class);

    @Bean
    PluginRegistry pluginRegistry(ConveyorProperties properties) {
        return PluginDiscovery.discover(pluginsDirectory(properties.pluginsDir()));
    }

    static Optional<Path> pluginsDirectory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured).toAbsolutePath());
        }
        Path besideJar = new ApplicationHome().getDir().toPath().resolve("plugins");
        if (Files.isDirectory(besideJar)) {
            return Optional.of(besideJar);
        }
        log.info("no plugins directory next to the server ({}) and none configured (conveyor.plugins-dir,"
                + " CONVEYOR_PLUGINS_DIR): only plugins on the class path are installed", besideJar);
        return Optional.empty();
    }

}
