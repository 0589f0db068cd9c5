package dev.conveyor.plugin.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusChanged;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.StageDefinition;
import dev.conveyor.sdk.View;
import dev.conveyor.sdk.Violation;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

final class LogisticsPluginTest {

    private final LogisticsPlugin plugin = new LogisticsPlugin();

    @Test
    void isFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(DomainPlugin.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(LogisticsPlugin.class);
    }

    @Test
    void describesItself() {
        assertThat(plugin.id()).isEqualTo("logistics");
        assertThat(plugin.displayName()).isEqualTo("Logistics (Acme Logistics)");
        assertThat(plugin.migrationsLocation()).contains("classpath:db/logistics");
    }

    @Test
    void runsOrdersThroughDispatchTrackingAndNotify() {
        assertThat(plugin.topology().stages()).containsExactly(
                StageDefinition.of("dispatch", "OrderQueue", "DispatchQueue"),
                StageDefinition.of("tracking", "DispatchQueue", "TrackingQueue"),
                StageDefinition.of("notify", "TrackingQueue"));
        assertThat(plugin.topology().queue("OrderQueue").orElseThrow().messageType().name()).isEqualTo("logistics.order.v1");
        assertThat(plugin.topology().queue("DispatchQueue").orElseThrow().messageType().name()).isEqualTo("logistics.dispatch.v1");
        assertThat(plugin.topology().queue("TrackingQueue").orElseThrow().messageType().name())
                .isEqualTo("logistics.shipment-status.v1");
    }

    @Test
    void hasAHandlerForEveryStage() {
        assertThat(plugin.handlers().keySet()).containsExactlyInAnyOrder(
                plugin.topology().stages().stream().map(StageDefinition::name).toArray(String[]::new));
    }

    @Test
    void takesOrdersOnTheEntryQueueAndCarrierScansOnTheTrackingQueue() {
        assertThat(plugin.ingestRoutes()).containsExactly(
                new IngestRoute("orders", "OrderQueue"),
                new IngestRoute("tracking-events", "TrackingQueue", RouteAccess.OPERATIONS));
        assertThat(plugin.topology().isEntryQueue("OrderQueue")).isTrue();
        assertThat(plugin.topology().subscribers("TrackingQueue")).extracting(StageDefinition::name).containsExactly("notify");
    }

    @Test
    void servesOrdersAndShipments() {
        assertThat(plugin.views()).extracting(View::resource).containsExactly("orders", "shipments");
        assertThat(plugin.views()).extracting(View::keyName).containsExactly("orderId", "trackingNumber");
    }

    @Test
    void validatesScansWithTheScanRules() {
        assertThat(plugin.topology().queue("TrackingQueue").orElseThrow().messageType()
                .validate(new ShipmentStatusChanged(null, null, null, null, null, null, null, null)))
                .extracting(Violation::field)
                .containsExactly("trackingNumber", "status", "occurredAt", "scanId");
    }

    @Test
    void validatesOrdersWithTheOrderRules() {
        assertThat(plugin.topology().queue("OrderQueue").orElseThrow().messageType()
                .validate(new OrderRequest(null, null, null, null))).hasSize(4);
    }
}
