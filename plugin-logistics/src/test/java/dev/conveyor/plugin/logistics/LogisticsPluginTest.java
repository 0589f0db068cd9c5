package dev.conveyor.plugin.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.NoSettings;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.RouteAccess;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.View;
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
        assertThat(plugin.settingsType()).isEqualTo(NoSettings.class);
        assertThat(plugin.persistence().migrations()).contains("classpath:db/logistics");
    }

    @Test
    void runsOrdersThroughDispatchTrackingAndNotify() {
        assertThat(plugin.topology().stages()).extracting(Stage::name).containsExactly("dispatch", "tracking", "notify");
        assertThat(plugin.topology().stages()).extracting(stage -> stage.consumes().name())
                .containsExactly("OrderQueue", "DispatchQueue", "TrackingQueue");
        assertThat(LogisticsPlugin.DISPATCH.emits()).containsExactly(LogisticsPlugin.DISPATCH_QUEUE);
        assertThat(LogisticsPlugin.TRACKING.emits()).containsExactly(LogisticsPlugin.TRACKING_QUEUE);
        assertThat(LogisticsPlugin.NOTIFY.emits()).isEmpty();
        assertThat(plugin.topology().queues()).extracting(queue -> queue.messageType().name())
                .containsExactly("logistics.order.v1", "logistics.dispatch.v1", "logistics.shipment-status.v1");
    }

    @Test
    void hasAHandlerForEveryStage() {
        assertThat(plugin.handlers(new NoSettings()).stages()).containsExactlyInAnyOrder(
                plugin.topology().stages().stream().map(Stage::name).toArray(String[]::new));
    }

    @Test
    void takesOrdersOnTheEntryQueueAndCarrierScansOnTheTrackingQueue() {
        assertThat(plugin.ingestRoutes()).extracting(IngestRoute::resource, route -> route.queue().name(), IngestRoute::access)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("orders", "OrderQueue", RouteAccess.INGEST),
                        org.assertj.core.groups.Tuple.tuple("tracking-events", "TrackingQueue", RouteAccess.OPERATIONS));
        assertThat(plugin.topology().isEntryQueue("OrderQueue")).isTrue();
        assertThat(plugin.topology().subscribers("TrackingQueue")).extracting(Stage::name).containsExactly("notify");
    }

    @Test
    void servesOrdersAndShipments() {
        assertThat(plugin.views()).extracting(View::resource).containsExactly("orders", "shipments");
        assertThat(plugin.views()).extracting(View::keyName).containsExactly("orderId", "trackingNumber");
    }

    @Test
    void keepsItsTablesInItsOwnMigrations() {
        assertThat(plugin.persistence().entities()).extracting(Class::getSimpleName)
                .containsExactly("Order", "OrderLine", "Shipment", "ShipmentEvent", "Notification");
        assertThat(getClass().getResource("/db/logistics/V1__logistics.sql")).isNotNull();
    }

    @Test
    void namesItsQueuesAsTheTopologyDoes() {
        assertThat(plugin.topology().queues()).extracting(Queue::name)
                .containsExactly("OrderQueue", "DispatchQueue", "TrackingQueue");
    }
}
