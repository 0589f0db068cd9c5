package dev.conveyor.engine.testplugin;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.StageOverride;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.services.DatabaseSettings;
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

    /**
     * A builder on the test services with the jobs plugin, a short shutdown grace and a 10-connection pool of its own
     * (closed with the engine).
     */
    public static ConveyorEngine.Builder jobs() {
        TestServices services = TestServices.get();
        DatabasePools pools = pools(services.database(), List.of(new JobsPlugin()), 10);
        return ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(services.storageConnectionString())
                .plugins(new PluginRegistry(List.of(new JobsPlugin())))
                .secretsKeys(TestServices.SECRETS_KEY)
                .shutdownGrace(Duration.ofSeconds(2));
    }

    /** {@code database} migrated for {@code plugins}, with {@code size} application connections (no request pools). */
    public static DatabasePools pools(DatabaseSettings database, List<? extends DomainPlugin<?>> plugins, int size) {
        return new DatabaseSetup(database.jdbcUrl(), database.user(), database.password()).open(plugins, size, null);
    }
}
