package dev.conveyor.plugin.ecommerce.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.OrderRequests;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.shipping.Shipment;
import dev.conveyor.plugin.ecommerce.tracking.TrackingNumber;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class LabelViewTest {

    @Test
    void labelsTheParcelWithItsOrdersAddressAndItsOwnCarrier() {
        Instant shipped = Instant.parse("2026-11-27T23:30:00Z");
        Order order = Order.reserved("acme", OrderRequests.valid(), LocalDate.of(2026, 12, 1), shipped, shipped);
        Shipment shipment = Shipment.labelCreated("acme", TrackingNumber.generate(12_345_678), "ORD-1", "west", ShippingSpeed.EXPRESS,
                "Speedy", "https://speedy.example/EC123456785US", LocalDate.of(2026, 12, 1), shipped);

        assertThat(LabelView.content(shipment, order)).isEqualTo(new ShippingLabel.Content("EC123456785US", "Speedy",
                ShippingSpeed.EXPRESS, "west", "Jane Doe", "350 Fifth Avenue", "Suite 100", "10118", "New York", "US", "ORD-1",
                LocalDate.of(2026, 11, 27)));
    }

    @Test
    void refusesAKeyThatIsNotATrackingNumber() {
        assertThatThrownBy(() -> LabelView.find("acme", "ORD-1", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a UPU S10 number");
    }
}
