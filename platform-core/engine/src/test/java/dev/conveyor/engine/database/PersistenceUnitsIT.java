package dev.conveyor.engine.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.engine.testplugin.TestEngines;
import dev.conveyor.engine.testplugin.alpha.AlphaPlugin;
import dev.conveyor.engine.testplugin.beta.BetaPlugin;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.services.Sql;
import dev.conveyor.services.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One persistence unit per plugin: two plugins that both name an entity {@code Order} (in tables of their own) run
 * side by side, each handler's writes commit or roll back with its inbox row, and both plugins' tables get row-level
 * security from their migrations.
 */
final class PersistenceUnitsIT {

    private static final Sql sql = Sql.asOwner();

    @Test
    void twoPluginsWithAnEntityOfTheSameNameEachUseTheirOwn() {
        List<DomainPlugin<?>> plugins = List.of(new AlphaPlugin(), new BetaPlugin());
        DatabasePools pools = TestEngines.pools(TestServices.get().database(), plugins, 5);
        try (ConveyorEngine engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(TestServices.get().storageConnectionString())
                .plugins(new PluginRegistry(plugins))
                .shutdownGrace(Duration.ofSeconds(2))
                .start()) {
            String alpha = newTenant(engine, "alpha");
            String beta = newTenant(engine, "beta");

            engine.routes().ingest(alpha, "orders", "{\"orderId\": \"A-1\", \"quantity\": 3, \"failFirst\": true}", Optional.empty());
            engine.routes().ingest(beta, "orders", "{\"orderId\": \"B-1\", \"note\": \"fragile\"}", Optional.empty());

            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
                assertThat(engine.routes().view(alpha, "orders", "A-1")).isEqualTo(Map.of("orderId", "A-1", "quantity", 3));
                assertThat(engine.routes().view(beta, "orders", "B-1")).isEqualTo(Map.of("orderId", "B-1", "note", "fragile"));
            });
            assertThat(sql.count("select count(*) from alpha_order where tenant_id = ?", alpha))
                    .as("the write of the failed first delivery rolled back with its inbox row").isEqualTo(1);
            assertThat(sql.count("select count(*) from message_attempt where tenant_id = ?", alpha)).isEqualTo(1);
            assertThat(sql.count("select count(*) from inbox where tenant_id = ?", alpha)).isEqualTo(1);
            assertThat(sql.count("select count(*) from beta_order where tenant_id = ?", beta)).isEqualTo(1);
            assertThat(sql.count("select count(*) from alpha_order where tenant_id = ?", beta)).isZero();
            assertThat(sql.count("select count(*) from pg_policies where tablename in ('alpha_order', 'beta_order')"
                    + " and policyname = 'tenant_isolation'")).as("row-level security on both plugins' tables").isEqualTo(2);
            engine.tenants().delete(alpha, true);
            engine.tenants().delete(beta, true);
        }
    }

    @Test
    void inOnePersistenceUnitTheirEntityNamesWouldCollide() {
        try (DatabasePools pools = TestEngines.pools(TestServices.get().database(), List.of(), 1)) {
            assertThatThrownBy(() -> PersistenceUnit.create("both", List.of(dev.conveyor.engine.testplugin.alpha.Order.class,
                    dev.conveyor.engine.testplugin.beta.Order.class), getClass().getClassLoader(), pools.application()))
                    .hasStackTraceContaining("share the entity name 'Order'");
        }
    }

    private static String newTenant(ConveyorEngine engine, String plugin) {
        String tenant = plugin + "-" + UUID.randomUUID().toString().substring(0, 8);
        engine.tenants().create(new TenantSpec(tenant, tenant, plugin, Map.of(), Map.of("record", TestEngines.QUICK), null));
        return tenant;
    }
}
