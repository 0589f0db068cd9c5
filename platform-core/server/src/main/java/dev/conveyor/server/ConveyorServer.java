package dev.conveyor.server;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Conveyor server: REST API and, in the same process, the stages of every configured tenant
 * ({@code conveyor.stages} chooses which). With {@code conveyor.mode=migrate} it runs the database migrations of the
 * platform and every installed plugin instead, and stops.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConveyorServer {

    public static void main(String[] args) {
        start(Map.of(), args);
    }

    /**
     * Runs what {@code conveyor.mode} asks for ({@code --conveyor.mode=}, {@code CONVEYOR_MODE} or a system property):
     * {@code serve} (the default) starts the server and returns its context; {@code migrate} migrates and returns
     * nothing once done. {@code defaultProperties} are the lowest-priority settings (the local launcher's services).
     */
    public static Optional<ConfigurableApplicationContext> start(Map<String, Object> defaultProperties, String... args) {
        if (ServerMode.of(args) == ServerMode.MIGRATE) {
            SchemaMigration.run(defaultProperties, args);
            return Optional.empty();
        }
        SpringApplication application = new SpringApplication(ConveyorServer.class);
        application.setDefaultProperties(defaultProperties);
        return Optional.of(application.run(args));
    }
}
