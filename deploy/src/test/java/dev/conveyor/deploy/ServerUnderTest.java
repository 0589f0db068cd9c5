package dev.conveyor.deploy;

import dev.conveyor.services.TestServices;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * How the integration tests start the server: on the test services, with a known platform admin key, and the plugins
 * from the folders this module assembles (as the distribution has them).
 */
final class ServerUnderTest {

    /** The plugin folders this module assembles (at package, before the integration tests run). */
    static final Path PLUGINS = Path.of("target/plugins").toAbsolutePath();

    /** A fixed platform admin key for tests; registered by the server at start. */
    static final String ADMIN_KEY = "cvk_000000000001_" + "ab".repeat(32);

    private ServerUnderTest() {
    }

    static void register(DynamicPropertyRegistry registry) {
        TestServices services = TestServices.get();
        registry.add("conveyor.database.url", () -> services.database().jdbcUrl());
        registry.add("conveyor.database.user", () -> services.database().user());
        registry.add("conveyor.database.password", () -> services.database().password());
        registry.add("conveyor.storage-connection-string", services::storageConnectionString);
        registry.add("conveyor.bootstrap-admin-key", () -> ADMIN_KEY);
        registry.add("conveyor.secrets.key", () -> TestServices.SECRETS_KEY);
        registry.add("conveyor.shutdown-grace", () -> "3s");
        registry.add("conveyor.plugins-dir", PLUGINS::toString);
    }
}
