package dev.conveyor.engine.testplugin;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.util.List;

/** Engines for the engine's integration tests: on the test services, running the {@link JobsPlugin}. */
public final class TestEngines {

    /** Settings that keep tests quick: short lease and retry back-off, 3 deliveries, short idle polls. */
    public static final StageOverride QUICK = new StageOverride(null, null, null, Duration.ofSeconds(2), 3,
            Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofMillis(300));

    private TestEngines() {
    }

    /** A builder on the test services with the jobs plugin, a short shutdown grace and a 10-connection pool. */
    public static ConveyorEngine.Builder jobs() {
        TestServices services = TestServices.get();
        return ConveyorEngine.builder()
                .database(services.database().jdbcUrl(), services.database().user(), services.database().password())
                .poolSize(10)
                .storageConnectionString(services.storageConnectionString())
                .plugins(new PluginRegistry(List.of(new JobsPlugin())))
                .secretsKeys(TestServices.SECRETS_KEY)
                .shutdownGrace(Duration.ofSeconds(2));
    }
}
