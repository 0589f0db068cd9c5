package dev.conveyor.plugin.ecommerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.ecommerce.order.OrderRequest;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.ConfigProperty;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.TenantConfig;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class EcommercePluginTest {

    private final EcommercePlugin plugin = new EcommercePlugin();

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(DomainPlugin.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(EcommercePlugin.class);
    }

    @Test
    void describesItself() {
        assertThat(plugin.id()).isEqualTo("ecommerce");
        assertThat(plugin.displayName()).isEqualTo("E-commerce (E-Commerce Express)");
        assertThat(plugin.migrationsLocation()).contains("classpath:db/ecommerce");
    }

    @Test
    void runsOrdersThroughFulfillmentShippingAndNotify() {
        assertThat(plugin.topology().stages()).containsExactly(
                StageDefinition.of("fulfillment", "OrderQueue", "FulfillmentQueue", "TrackingQueue"),
                StageDefinition.of("shipping", "FulfillmentQueue", "TrackingQueue"),
                StageDefinition.of("notify", "TrackingQueue"));
        assertThat(plugin.topology().queue("OrderQueue").orElseThrow().messageType().name()).isEqualTo("ecommerce.order.v1");
        assertThat(plugin.topology().queue("FulfillmentQueue").orElseThrow().messageType().name())
                .isEqualTo("ecommerce.fulfillment.v1");
        assertThat(plugin.topology().queue("TrackingQueue").orElseThrow().messageType().name())
                .isEqualTo("ecommerce.order-update.v1");
    }

    @Test
    void hasAHandlerForEveryStage() {
        assertThat(plugin.handlers().keySet()).containsExactlyInAnyOrder(
                plugin.topology().stages().stream().map(StageDefinition::name).toArray(String[]::new));
    }

    @Test
    void takesOrdersAndCarrierScansOverHttp() {
        assertThat(plugin.ingestRoutes()).containsExactly(new IngestRoute("orders", "OrderQueue"),
                new IngestRoute("tracking-events", "TrackingQueue", RouteAccess.OPERATIONS));
        assertThat(plugin.topology().isEntryQueue("OrderQueue")).isTrue();
    }

    @Test
    void servesOrdersShipmentsLabelsAndStock() {
        assertThat(plugin.views()).extracting(View::resource).containsExactly("orders", "shipments", "labels", "stock");
        assertThat(plugin.views()).extracting(View::keyName).containsExactly("orderId", "trackingNumber", "trackingNumber", "sku");
        assertThat(plugin.actions()).extracting(Action::resource).containsExactly("stock");
    }

    @Test
    void mapsEveryEntityToATableOfItsOwn() {
        assertThat(plugin.entityClasses()).allSatisfy(entity -> {
            assertThat(entity.getAnnotation(jakarta.persistence.Entity.class).name()).startsWith("Ecommerce");
            assertThat(entity.getAnnotation(jakarta.persistence.Table.class).name()).startsWith("ecommerce_");
        });
    }

    @Test
    void validatesOrdersAndUpdatesWithTheirRules() {
        assertThat(plugin.topology().queue("OrderQueue").orElseThrow().messageType()
                .validate(new OrderRequest(null, null, null, null, null))).hasSize(5);
        assertThat(plugin.topology().queue("TrackingQueue").orElseThrow().messageType()
                .validate(new OrderUpdate(null, UpdateKind.DELIVERED, null, null, null, null, null, null)))
                .extracting(Violation::field).containsExactly("trackingNumber", "scanId", "occurredAt");
    }

    @Test
    void declaresAndChecksItsSettings() {
        assertThat(plugin.configProperties()).extracting(ConfigProperty::name)
                .containsExactly("warehouses", "carrierName", "trackingUrlBase", "backorderPolicy");
        assertThat(plugin.validateConfiguration(new TenantConfig(plugin.configProperties(), Map.of("warehouses", "east,west"))))
                .isEmpty();
        assertThat(plugin.validateConfiguration(new TenantConfig(plugin.configProperties(),
                Map.of("warehouses", "east", "backorderPolicy", "SOMETIMES"))))
                .extracting(Violation::field).containsExactly("config.backorderPolicy");
    }
}
