package dev.conveyor.plugin.ecommerce.label;

import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.Orders;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.shipping.ShipmentView;
import dev.conveyor.plugin.ecommerce.shipping.Shipments;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.sdk.RequestContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code labels} view: a parcel's shipping label as a PDF, drawn on demand from the stored parcel and its order.
 * It shows only what does not change once the parcel is made (the carrier is the parcel's own copy, not the
 * tenant's current setting), so every download is the same file. The finder only reads what the label shows; the
 * platform draws the PDF after the read transaction closed, so drawing holds no database connection.
 */
public final class LabelView {

    public static final String CONTENT_TYPE = "application/pdf";

    private LabelView() {
    }

    /**
     * The finder of the {@code labels} view.
     *
     * @throws dev.conveyor.sdk.ValidationException when the key is not a valid S10 tracking number (the API answers 400)
     */
    public static Optional<BinaryContent.Deferred> find(String key, RequestContext context) {
        String trackingNumber = ShipmentView.trackingNumberOf(key);
        return context.repository(Shipments.class).findByTrackingNumber(trackingNumber)
                .flatMap(shipment -> context.repository(Orders.class).findByOrderId(shipment.orderId())
                        .map(order -> {
                            ShippingLabel.Content content = content(shipment, order);
                            return BinaryContent.renderedLater(CONTENT_TYPE, "label-" + trackingNumber + ".pdf",
                                    () -> ShippingLabel.render(content));
                        }));
    }

    static ShippingLabel.Content content(Shipment shipment, Order order) {
        return new ShippingLabel.Content(
                shipment.trackingNumber(),
                shipment.carrier(),
                shipment.speed(),
                shipment.warehouse(),
                order.customerName(),
                order.addressLine1(),
                order.addressLine2(),
                order.postalCode(),
                order.city(),
                order.country(),
                order.orderId(),
                LocalDate.ofInstant(shipment.createdAt(), ZoneOffset.UTC));
    }
}
