package dev.conveyor.plugin.ecommerce.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.conveyor.plugin.ecommerce.EcommercePlugin;
import dev.conveyor.plugin.ecommerce.fakes.Shop;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequests;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentEvent;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentStatus;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.PermanentFailure;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class NotifyHandlerTest {

    private static final Instant SHIPPED = Instant.parse("2026-11-27T09:00:00Z");
    private static final LocalDate ESTIMATE = LocalDate.of(2026, 12, 1);
    private static final String URL = "https://track.example.com/";

    private final Shop shop = new Shop();
    private final NotifyHandler handler = new NotifyHandler();

    private Order shippedOrder(String... warehouses) {
        Order order = Order.reserved("acme", OrderRequests.valid(), ESTIMATE, SHIPPED, SHIPPED);
        shop.orders.save(order);
        long serial = 12_345_678;
        for (String warehouse : warehouses) {
            String trackingNumber = Shipment.trackingNumber(serial++);
            Shipment shipment = shop.shipments.save(Shipment.labelCreated(trackingNumber, "ORD-1", warehouse, ShippingSpeed.EXPRESS,
                    "Conveyor Parcel", URL + trackingNumber, ESTIMATE, SHIPPED));
            shop.shipmentEvents.save(ShipmentEvent.labelCreated(shipment, SHIPPED));
        }
        order.ship(ESTIMATE, SHIPPED);
        return order;
    }

    private void handle(OrderUpdate update, Instant at) throws Exception {
        handler.handle(update, shop.handling(EcommercePlugin.NOTIFY, at));
    }

    private static OrderUpdate scan(UpdateKind kind, String trackingNumber, String scanId, Instant at) {
        return new OrderUpdate(null, kind, trackingNumber, at, null, "Hub 7", null, scanId);
    }

    @Test
    void tellsTheCustomerOfTheConfirmationOnce() throws Exception {
        shop.orders.save(Order.reserved("acme", OrderRequests.valid(), ESTIMATE, SHIPPED, SHIPPED));
        OrderUpdate confirmed = OrderUpdate.aboutOrder("ORD-1", UpdateKind.CONFIRMED, SHIPPED, ESTIMATE, null);

        handle(confirmed, SHIPPED);
        handle(confirmed, SHIPPED);

        assertThat(shop.notifications.all()).extracting(Notification::kind, Notification::trackingNumber, Notification::recipient,
                Notification::message).containsExactly(tuple(UpdateKind.CONFIRMED, null, "jane@example.com",
                "Thank you for your order ORD-1. It is confirmed and should arrive by Tue 1 Dec 2026."));
    }

    @Test
    void namesTheNotificationKindsTheCustomerCanOptOutOf() {
        assertThat(NotifyHandler.notificationKind(UpdateKind.CONFIRMED)).isEqualTo("order.confirmed");
        assertThat(NotifyHandler.notificationKind(UpdateKind.SHIPPED)).isEqualTo("order.shipped");
        assertThat(NotifyHandler.notificationKind(UpdateKind.DELIVERED)).isEqualTo("order.delivered");
        assertThat(NotifyHandler.notificationKind(UpdateKind.OUT_FOR_DELIVERY)).isEqualTo("shipment.out-for-delivery");
    }

    @Test
    void tellsNoOneOfAnUpdateTheOrderDisagreesWith() {
        shop.orders.save(Order.rejected("acme", OrderRequests.valid(), "not enough stock of SKU-2 (1 ordered)", SHIPPED, SHIPPED));

        assertThatThrownBy(() -> handle(OrderUpdate.aboutOrder("ORD-1", UpdateKind.CONFIRMED, SHIPPED, ESTIMATE, null), SHIPPED))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("is REJECTED, so CONFIRMED update");
        assertThat(shop.notifications.all()).isEmpty();
    }

    @Test
    void followsAParcelThroughItsScansToDeliveryKeepingLateAndRepeatedScansOutOfTheCustomersWay() throws Exception {
        shippedOrder("east");
        Instant scanned = Instant.parse("2026-11-28T10:00:00Z");

        handle(new OrderUpdate("ORD-1", UpdateKind.SHIPPED, "EC123456785US", SHIPPED, ESTIMATE, "east", "Conveyor Parcel", null), SHIPPED);
        handle(scan(UpdateKind.IN_TRANSIT, " ec123456785us", "scan-1", scanned), scanned);
        handle(scan(UpdateKind.IN_TRANSIT, "EC123456785US", "scan-1", scanned), scanned);
        handle(scan(UpdateKind.DELIVERED, "EC123456785US", "scan-3", scanned.plusSeconds(3600)), scanned.plusSeconds(3600));
        handle(scan(UpdateKind.OUT_FOR_DELIVERY, "EC123456785US", "scan-2", scanned.plusSeconds(1800)), scanned.plusSeconds(7200));

        Shipment parcel = shop.shipments.findByTrackingNumber("EC123456785US").orElseThrow();
        assertThat(parcel.status()).isEqualTo(ShipmentStatus.DELIVERED);
        assertThat(shop.shipmentEvents.findByShipmentOrderByOccurredAtAscIdAsc(parcel)).extracting(ShipmentEvent::status,
                ShipmentEvent::applied).containsExactly(tuple(ShipmentStatus.LABEL_CREATED, true), tuple(ShipmentStatus.IN_TRANSIT, true),
                tuple(ShipmentStatus.OUT_FOR_DELIVERY, false), tuple(ShipmentStatus.DELIVERED, true));
        Order order = shop.orders.findByOrderId("ORD-1").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.deliveredAt()).isEqualTo(scanned.plusSeconds(3600));
        assertThat(shop.notifications.all()).extracting(Notification::kind)
                .containsExactly(UpdateKind.SHIPPED, UpdateKind.IN_TRANSIT, UpdateKind.DELIVERED);
        assertThat(shop.notifications.all().get(2).message())
                .isEqualTo("Your parcel EC123456785US of order ORD-1 was delivered on Sat 28 Nov 2026.");
    }

    @Test
    void deliversTheOrderWithItsLastParcel() throws Exception {
        shippedOrder("east", "west");
        Instant delivered = Instant.parse("2026-11-30T11:00:00Z");

        handle(scan(UpdateKind.DELIVERED, "EC123456785US", "scan-1", delivered), delivered);
        assertThat(shop.orders.findByOrderId("ORD-1").orElseThrow().status()).isEqualTo(OrderStatus.SHIPPED);

        handle(scan(UpdateKind.DELIVERED, "EC123456799US", "scan-2", delivered.plusSeconds(60)), delivered.plusSeconds(60));
        Order order = shop.orders.findByOrderId("ORD-1").orElseThrow();
        assertThat(order.status()).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.deliveredAt()).isEqualTo(delivered.plusSeconds(60));
    }

    @Test
    void refusesAScanOfAnUnknownParcelOrOfAnotherOrder() throws Exception {
        shippedOrder("east");

        assertThatThrownBy(() -> handle(scan(UpdateKind.IN_TRANSIT, "RR473124829GB", "s", SHIPPED), SHIPPED))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageStartingWith("tenant 'acme' has no parcel with tracking number RR473124829GB");
        assertThatThrownBy(() -> handle(new OrderUpdate("ORD-2", UpdateKind.IN_TRANSIT, "EC123456785US", SHIPPED, null, null, null,
                "s"), SHIPPED))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("names order 'ORD-2', but parcel EC123456785US belongs to order 'ORD-1'");
    }
}
