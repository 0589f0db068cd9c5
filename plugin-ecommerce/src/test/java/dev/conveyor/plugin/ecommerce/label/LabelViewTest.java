package dev.conveyor.plugin.ecommerce.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.ecommerce.fakes.Shop;
import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequests;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.sdk.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class LabelViewTest {

    private static final Instant SHIPPED = Instant.parse("2026-11-27T23:30:00Z");

    private final Order order = Order.reserved("acme", OrderRequests.valid(), LocalDate.of(2026, 12, 1), SHIPPED, SHIPPED);
    private final Shipment shipment = Shipment.labelCreated(Shipment.trackingNumber(12_345_678), "ORD-1", "west",
            ShippingSpeed.EXPRESS, "Speedy", "https://speedy.example/EC123456785US", LocalDate.of(2026, 12, 1), SHIPPED);

    @Test
    void labelsTheParcelWithItsOrdersAddressAndItsOwnCarrier() {
        assertThat(LabelView.content(shipment, order)).isEqualTo(new ShippingLabel.Content("EC123456785US", "Speedy",
                ShippingSpeed.EXPRESS, "west", "Jane Doe", "350 Fifth Avenue", "Suite 100", "10118", "New York", "US", "ORD-1",
                LocalDate.of(2026, 11, 27)));
    }

    @Test
    void readsTheParcelAndLeavesTheDrawingForLater() {
        Shop shop = new Shop();
        shop.orders.save(order);
        shop.shipments.save(shipment);

        BinaryContent.Deferred label = LabelView.find(" ec123456785us", shop.requesting(null, SHIPPED)).orElseThrow();

        assertThat(label.contentType()).isEqualTo("application/pdf");
        assertThat(label.fileName()).isEqualTo("label-EC123456785US.pdf");
        assertThat(label.render().bytes()).startsWith("%PDF".getBytes(StandardCharsets.US_ASCII));
        assertThat(LabelView.find("RR473124829GB", shop.requesting(null, SHIPPED))).isEmpty();
    }

    @Test
    void refusesAKeyThatIsNotATrackingNumber() {
        assertThatThrownBy(() -> LabelView.find("ORD-1", new Shop().requesting(null, SHIPPED)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("is not a UPU S10 number");
    }
}
