package dev.conveyor.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.services.DatabaseSettings;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Migrations once per release, as the Helm chart runs them: the server in {@code conveyor.mode=migrate}, started as
 * the image starts it (its main class, settings from {@code CONVEYOR_*} variables), migrates the platform and every
 * plugin and exits 0; pods with {@code conveyor.database.migrate-on-start=false} start on the migrated database and
 * refuse to start, saying how to fix it, on one that was never migrated.
 */
final class MigrationModeIT {

    private static final String BEHIND = "the database schema is behind this release";

    @Test
    void aPodThatDoesNotMigrateRefusesAnEmptyDatabaseNamingTheFix() {
        DatabaseSettings database = Sql.asOwner().newDatabase("not_migrated_" + UUID.randomUUID().toString().substring(0, 8));
        try (ServerProcess pod = new ServerProcess(database, TestServices.get().storageConnectionString(),
                "--conveyor.database.migrate-on-start=false").start()) {
            assertThat(pod.waitFor(120)).as("stopped; log:\n" + pod.log()).isTrue();
            assertThat(pod.exitValue()).as(pod.log()).isNotZero();
            assertThat(pod.log()).contains(BEHIND).contains("the platform has").contains("plugin 'logistics' has")
                    .contains("--conveyor.mode=migrate");
        }
        assertThat(new Sql(database).count("select count(*) from information_schema.tables where table_schema = 'public'"))
                .as("nothing was migrated").isZero();
    }

    @Test
    void theMigrationModeMigratesEveryPluginAndExitsThenPodsStartWithoutMigrating() throws Exception {
        DatabaseSettings database = Sql.asOwner().newDatabase("migrated_" + UUID.randomUUID().toString().substring(0, 8));
        Path log = Files.createTempFile("conveyor-migrate-", ".log");
        Process migration = imageEntryPoint(database, log).start();

        assertThat(migration.waitFor(120, TimeUnit.SECONDS)).as("migrated within two minutes; log:\n" + read(log)).isTrue();
        assertThat(migration.exitValue()).as(read(log)).isZero();
        Sql sql = new Sql(database);
        for (String history : List.of("flyway_history_platform", "flyway_history_logistics", "flyway_history_ecommerce",
                "flyway_history_healthcare")) {
            assertThat(sql.count("select count(*) from " + history + " where success and version <> '0'"))
                    .as(history).isPositive();
        }
        assertThat(read(log)).doesNotContain("Tomcat started");

        try (ServerProcess pod = new ServerProcess(database, TestServices.get().storageConnectionString(),
                "--conveyor.database.migrate-on-start=false", "--conveyor.stages=none").start()) {
            await().atMost(Duration.ofMinutes(2)).until(() -> pod.healthy() || !pod.alive());
            assertThat(pod.healthy()).as(pod.log()).isTrue();
            assertThat(pod.log()).doesNotContain(BEHIND);
        }
    }

    /** As the image runs it: the server's own main class, settings from the environment (as the chart sets them). */
    private static ProcessBuilder imageEntryPoint(DatabaseSettings database, Path log) {
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-cp", Path.of("target/conveyor.jar").toAbsolutePath().toString(),
                "-Dloader.main=dev.conveyor.server.ConveyorServer",
                "org.springframework.boot.loader.launch.PropertiesLauncher")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("CONVEYOR_MODE", "migrate");
        builder.environment().put("CONVEYOR_DATABASE_URL", database.jdbcUrl());
        builder.environment().put("CONVEYOR_DATABASE_USER", database.user());
        builder.environment().put("CONVEYOR_DATABASE_PASSWORD", database.password());
        builder.environment().put("CONVEYOR_PLUGINS_DIR", ServerUnderTest.PLUGINS.toString());
        // the distribution's logback-spring.xml always has a file appender: keep its file out of the work tree
        builder.environment().put("LOGGING_FILE_NAME", log.resolveSibling(log.getFileName() + ".file").toString());
        return builder;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
