package dev.conveyor.plugin.ecommerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.ecommerce.order.OrderRequest;
import dev.conveyor.plugin.ecommerce.settings.BackorderPolicy;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.Action;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.TenantScoped;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.Constraints;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class EcommercePluginTest {

    private static final EcommerceSettings SETTINGS = new EcommerceSettings(List.of("east", "west"), "Conveyor Parcel",
            URI.create("https://track.example.com/"), BackorderPolicy.REJECT);

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
        assertThat(plugin.persistence().migrations()).contains("classpath:db/ecommerce");
    }

    @Test
    void runsOrdersThroughFulfillmentShippingAndNotify() {
        assertThat(plugin.topology().stages()).extracting(Stage::name).containsExactly("fulfillment", "shipping", "notify");
        assertThat(plugin.topology().stage("fulfillment").orElseThrow().consumes().name()).isEqualTo("OrderQueue");
        assertThat(plugin.topology().stage("fulfillment").orElseThrow().emits()).extracting(dev.conveyor.sdk.Queue::name)
                .containsExactly("FulfillmentQueue", "TrackingQueue");
        assertThat(plugin.topology().stage("shipping").orElseThrow().emits()).extracting(dev.conveyor.sdk.Queue::name)
                .containsExactly("TrackingQueue");
        assertThat(plugin.topology().stage("notify").orElseThrow().emits()).isEmpty();
        assertThat(plugin.topology().queue("OrderQueue").orElseThrow().messageType().name()).isEqualTo("ecommerce.order.v1");
        assertThat(plugin.topology().queue("FulfillmentQueue").orElseThrow().messageType().name())
                .isEqualTo("ecommerce.fulfillment.v1");
        assertThat(plugin.topology().queue("TrackingQueue").orElseThrow().messageType().name())
                .isEqualTo("ecommerce.order-update.v1");
    }

    @Test
    void hasAHandlerForEveryStage() {
        assertThat(plugin.handlers(SETTINGS).stages()).containsExactlyInAnyOrder(
                plugin.topology().stages().stream().map(Stage::name).toArray(String[]::new));
    }

    @Test
    void takesOrdersAndCarrierScansOverHttp() {
        assertThat(plugin.ingestRoutes()).containsExactly(IngestRoute.of("orders", EcommercePlugin.ORDERS),
                IngestRoute.forOperations("tracking-events", EcommercePlugin.TRACKING));
        assertThat(plugin.topology().isEntryQueue("OrderQueue")).isTrue();
    }

    @Test
    void servesOrdersShipmentsLabelsAndStock() {
        assertThat(plugin.views()).extracting(View::resource).containsExactly("orders", "shipments", "labels", "stock");
        assertThat(plugin.views()).extracting(View::keyName).containsExactly("orderId", "trackingNumber", "trackingNumber", "sku");
        assertThat(plugin.actions()).extracting(Action::resource).containsExactly("stock");
        assertThat(plugin.actions().getFirst().accepts()).containsExactlyInAnyOrder(Action.InputFormat.CSV, Action.InputFormat.JSON);
    }

    @Test
    void mapsEveryEntityToATableOfItsOwnFilledWithItsTenant() {
        assertThat(plugin.persistence().entities()).allSatisfy(entity -> {
            assertThat(entity.getAnnotation(jakarta.persistence.Table.class).name()).startsWith("ecommerce_");
            assertThat(entity).isAssignableTo(TenantScoped.class);
        });
    }

    @Test
    void validatesOrdersAndUpdatesWithTheirRules() {
        assertThat(Constraints.violations(new OrderRequest(null, null, null, null, null))).hasSize(5);
        assertThat(Constraints.violations(new OrderUpdate(null, UpdateKind.DELIVERED, null, null, null, null, null, null)))
                .extracting(Violation::field).containsExactly("occurredAt", "scanId", "trackingNumber");
    }

    @Test
    void declaresAndChecksItsSettings() {
        assertThat(plugin.settingsType()).isEqualTo(EcommerceSettings.class);
        assertThat(Arrays.stream(EcommerceSettings.class.getRecordComponents()).map(component -> component.getName()))
                .containsExactly("warehouses", "carrierName", "trackingUrlBase", "backorderPolicy");
        assertThat(plugin.validateSettings(SETTINGS)).isEmpty();
        assertThat(plugin.validateSettings(new EcommerceSettings(List.of("east", "east"), "Speedy",
                URI.create("https://speedy.example/"), BackorderPolicy.BACKORDER)))
                .extracting(Violation::field).containsExactly("warehouses");
    }
}
