package dev.conveyor.plugin.logistics.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.logistics.LogisticsPlugin;
import dev.conveyor.plugin.logistics.order.InMemoryOrders;
import dev.conveyor.plugin.logistics.order.Order;
import dev.conveyor.plugin.logistics.order.OrderRequests;
import dev.conveyor.plugin.logistics.order.OrderStatus;
import dev.conveyor.plugin.logistics.order.Orders;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.plugin.logistics.tracking.AcmeTracking;
import dev.conveyor.plugin.logistics.tracking.InMemoryShipments;
import dev.conveyor.plugin.logistics.tracking.Shipment;
import dev.conveyor.plugin.logistics.tracking.ShipmentEvent;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusChanged;
import dev.conveyor.plugin.logistics.tracking.Shipments;
import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.shipping.TrackingNumber;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import dev.conveyor.sdk.Subject;
import org.junit.jupiter.api.Test;

final class NotifyHandlerTest {

    private static final Instant LABEL = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant NOW = Instant.parse("2030-01-03T18:00:00Z");
    private static final LocalDate DELIVERY = LocalDate.of(2030, 1, 4);
    private static final TrackingNumber TRACKING_NUMBER = AcmeTracking.ISSUER.issue(10_000_000);

    private final InMemoryOrders orders = new InMemoryOrders();
    private final InMemoryShipments shipments = new InMemoryShipments();
    private final InMemoryNotifications notifications = new InMemoryNotifications();
    private final TestHandlerContext context = TestHandlerContext.forStage(LogisticsPlugin.NOTIFY)
            .withRepository(Orders.class, orders).withRepository(Shipments.class, shipments)
            .withRepository(Notifications.class, notifications).at(NOW).tenant("acme");
    private final NotifyHandler handler = new NotifyHandler();
    private final Order order = orders.save(shipped());
    private final Shipment shipment = shipments.save(Shipment.labelCreated(TRACKING_NUMBER, "ORD-1", "US-EAST",
            ServiceLevel.EXPRESS, DELIVERY, LABEL));

    @Test
    void tellsTheCustomerTheLabelIsCreatedOnceAndMakesTheOrderNotified() {
        ShipmentStatusChanged label = ShipmentStatusChanged.labelCreated("ORD-1", TRACKING_NUMBER, LABEL, DELIVERY, "US-EAST");

        handler.handle(label, context);
        handler.handle(label, context);

        assertThat(notifications.all()).singleElement().satisfies(notification -> {
            assertThat(notification.status()).isEqualTo(ShipmentStatus.LABEL_CREATED);
            assertThat(notification.recipient()).isEqualTo("jane@example.com");
            assertThat(notification.trackingUrl()).isEqualTo("https://track.acme-logistics.example/t/CV100000003US");
            assertThat(notification.message()).startsWith("Your order ORD-1 has shipped with Acme Logistics (EXPRESS).");
        });
        assertThat(order.status()).isEqualTo(OrderStatus.NOTIFIED);
        assertThat(order.notifiedAt()).isEqualTo(NOW);
        assertThat(context.notifications()).singleElement().satisfies(request -> {
            assertThat(request.kind()).isEqualTo("shipment.label-created");
            assertThat(request.subject()).isEqualTo(Subject.of("shipment", "CV100000003US"));
            assertThat(request.recipient().email()).isEqualTo("jane@example.com");
            assertThat(request.critical()).isFalse();
            assertThat(request.data()).isInstanceOfSatisfying(NotifyHandler.ShipmentNews.class, news -> {
                assertThat(news.trackingUrl()).isEqualTo("https://track.acme-logistics.example/t/CV100000003US");
                assertThat(news.estimatedDelivery()).isNotNull();
                assertThat(news.message()).startsWith("Your order ORD-1 has shipped");
            });
        });
    }

    @Test
    void appliesScansIgnoringDuplicatesAndNotifyingOnlyOfTheNewest() {
        handler.handle(scan("S1", ShipmentStatus.IN_TRANSIT, LABEL.plusSeconds(60)), context);
        handler.handle(scan("S1", ShipmentStatus.IN_TRANSIT, LABEL.plusSeconds(60)), context);
        handler.handle(scan("S3", ShipmentStatus.DELIVERED, LABEL.plusSeconds(3000)), context);
        handler.handle(scan("S2", ShipmentStatus.OUT_FOR_DELIVERY, LABEL.plusSeconds(1800)), context);

        assertThat(shipment.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(shipment.history()).extracting(ShipmentEvent::status).containsExactly(ShipmentStatus.LABEL_CREATED,
                ShipmentStatus.IN_TRANSIT, ShipmentStatus.OUT_FOR_DELIVERY, ShipmentStatus.DELIVERED);
        assertThat(notifications.all()).extracting(Notification::status)
                .containsExactly(ShipmentStatus.IN_TRANSIT, ShipmentStatus.DELIVERED);
        assertThat(context.notifications()).extracting(request -> request.kind())
                .containsExactly("shipment.in-transit", "shipment.delivered");
        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.deliveredAt()).isEqualTo(LABEL.plusSeconds(3000));
    }

    @Test
    void deadLettersAStatusThatBreaksTheRulesAcrossItsFields() {
        ShipmentStatusChanged labelFromACarrier = new ShipmentStatusChanged("ORD-1", TRACKING_NUMBER.value(),
                ShipmentStatus.LABEL_CREATED, LABEL, null, null, "S1", null);

        assertThatThrownBy(() -> handler.handle(labelFromACarrier, context.delivery("m-1", 1)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageStartingWith("shipment status message 'm-1' is unusable: status: LABEL_CREATED is not a carrier scan");
        assertThatThrownBy(() -> handler.handle(scan(null, ShipmentStatus.IN_TRANSIT, LABEL), context))
                .hasMessageContaining("scanId: is required");
        assertThat(notifications.all()).isEmpty();
    }

    @Test
    void deadLettersAScanFromMoreThanADayAheadOfTheClock() {
        assertThatThrownBy(() -> handler.handle(scan("S1", ShipmentStatus.IN_TRANSIT, NOW.plusSeconds(86_401)), context))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("occurredAt: is 2030-01-04T18:00:01Z, more than 24 hours ahead of now");
        assertThat(shipment.history()).hasSize(1);
    }

    @Test
    void deadLettersAScanOfAnUnknownParcel() {
        TrackingNumber other = AcmeTracking.ISSUER.issue(10_000_001);
        ShipmentStatusChanged unknown = new ShipmentStatusChanged(null, other.value(), ShipmentStatus.IN_TRANSIT, LABEL, null,
                null, "S1", null);

        assertThatThrownBy(() -> handler.handle(unknown, context))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("tenant 'acme' has no shipment with tracking number " + other);
    }

    @Test
    void deadLettersAScanNamingAnotherOrder() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged("ORD-2", TRACKING_NUMBER.value(), ShipmentStatus.IN_TRANSIT,
                LABEL, null, null, "S1", null);

        assertThatThrownBy(() -> handler.handle(scan, context))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("belongs to order 'ORD-1'");
    }

    private static ShipmentStatusChanged scan(String scanId, ShipmentStatus status, Instant occurredAt) {
        return new ShipmentStatusChanged(null, TRACKING_NUMBER.value(), status, occurredAt, null, "Newark, NJ", scanId, null);
    }

    private static Order shipped() {
        Order order = Order.dispatched("acme", OrderRequests.valid(), "US-EAST", LocalDate.of(2030, 1, 2), DELIVERY,
                new BigDecimal("3.25"), 1, LABEL, LABEL);
        order.ship(TRACKING_NUMBER.value(), LABEL);
        return order;
    }
}
