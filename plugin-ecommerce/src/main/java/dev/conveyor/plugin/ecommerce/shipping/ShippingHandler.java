package dev.conveyor.plugin.ecommerce.shipping;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.ecommerce.EcommercePlugin;
import dev.conveyor.plugin.ecommerce.fulfillment.FulfillmentReserved;
import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.Reservations;
import dev.conveyor.plugin.ecommerce.inventory.Stock;
import dev.conveyor.plugin.ecommerce.order.DeliveryCalendar;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.Orders;
import dev.conveyor.plugin.ecommerce.settings.EcommerceSettings;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code shipping} stage: once per order, makes one parcel per warehouse the order's reservations are in, with a
 * tracking number and a label, takes the reserved units off the shelf, and announces each parcel SHIPPED on the
 * tracking queue. The reservations in the database, not the message, say what ships from where.
 */
public final class ShippingHandler implements Handler<FulfillmentReserved> {

    private final EcommerceSettings settings;

    public ShippingHandler(EcommerceSettings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public void handle(FulfillmentReserved reserved, HandlerContext context) {
        String tenantId = context.tenantId();
        String orderId = reserved.orderId();
        Shipments shipments = context.repository(Shipments.class);
        // Locked, so that a second copy of this message (under another message id) waits and then finds the parcels.
        Order order = context.repository(Orders.class).findForUpdateByOrderId(orderId)
                .orElseThrow(() -> new PermanentFailure("order '" + orderId + "' of tenant '" + tenantId + "' does not exist, so "
                        + "message '" + context.messageId() + "' cannot ship it; a fulfillment message must follow an order the "
                        + "fulfillment stage recorded for the same tenant"));
        if (shipments.existsByOrderId(orderId)) {
            return;
        }
        if (order.status() != OrderStatus.RESERVED) {
            throw new PermanentFailure("order '" + orderId + "' of tenant '" + tenantId + "' is " + order.status()
                    + " without parcels, so it cannot be shipped; only a RESERVED order can");
        }
        List<Reservation> reservations = context.repository(Reservations.class).findByOrderIdOrderById(orderId);
        if (reservations.isEmpty()) {
            throw new PermanentFailure("order '" + orderId + "' of tenant '" + tenantId + "' is RESERVED but holds no reservations, "
                    + "so there is nothing to ship");
        }
        Instant now = context.clock().instant();
        LocalDate estimatedDelivery = DeliveryCalendar.estimatedDelivery(LocalDate.ofInstant(now, ZoneOffset.UTC), order.speed());
        Stock stock = context.repository(Stock.class);
        // Stock rows are locked in the same order fulfillment locks them in, so the two stages never deadlock on them.
        for (Reservation reservation : reservations.stream()
                .sorted(Comparator.comparing(Reservation::warehouse).thenComparing(Reservation::sku)).toList()) {
            if (stock.ship(tenantId, reservation.warehouse(), reservation.sku(), reservation.quantity()) != 1) {
                throw new PermanentFailure("warehouse " + reservation.warehouse() + " of tenant '" + tenantId + "' holds fewer than "
                        + "the " + reservation.quantity() + " units of " + reservation.sku() + " that order '" + orderId + "' reserved; "
                        + "its stock was changed outside Conveyor, so correct it before replaying this message");
            }
        }
        ShipmentEvents events = context.repository(ShipmentEvents.class);
        for (Map.Entry<String, List<Reservation>> parcel : byWarehouse(reservations).entrySet()) {
            String warehouse = parcel.getKey();
            String trackingNumber = Shipment.trackingNumber(shipments.nextTrackingSerial());
            for (Reservation reservation : parcel.getValue()) {
                reservation.ship(trackingNumber, now);
            }
            Shipment shipment = shipments.save(Shipment.labelCreated(trackingNumber, orderId, warehouse, order.speed(),
                    settings.carrierName(), settings.trackingUrl(trackingNumber), estimatedDelivery, now));
            events.save(ShipmentEvent.labelCreated(shipment, now));
            context.send(EcommercePlugin.TRACKING, new OrderUpdate(orderId, UpdateKind.SHIPPED, trackingNumber, now, estimatedDelivery,
                    warehouse, settings.carrierName(), null));
        }
        order.ship(estimatedDelivery, now);
    }

    /** The reservations grouped into parcels, one per warehouse, in the tenant's order of preference. */
    private Map<String, List<Reservation>> byWarehouse(List<Reservation> reservations) {
        return reservations.stream()
                .sorted(Comparator.comparingInt((Reservation reservation) -> settings.preferenceOf(reservation.warehouse()))
                        .thenComparing(Reservation::warehouse))
                .collect(Collectors.groupingBy(Reservation::warehouse, LinkedHashMap::new, Collectors.toList()));
    }
}
