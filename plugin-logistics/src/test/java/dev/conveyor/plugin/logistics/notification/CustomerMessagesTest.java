package dev.conveyor.plugin.logistics.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class CustomerMessagesTest {

    private static final String URL = "https://track.acme-logistics.example/t/CV123456785US";

    @Test
    void announcesTheShipmentWithItsServiceLevelAndDeliveryDate() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.EXPRESS, ShipmentStatus.LABEL_CREATED, LocalDate.of(2026, 12, 1), URL))
                .isEqualTo("Your order ORD-1 has shipped with Acme Logistics (EXPRESS). Estimated delivery: Tue 1 Dec 2026. "
                        + "Track it at " + URL);
    }

    @Test
    void leavesOutAnUnknownDeliveryDate() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.IN_TRANSIT, null, URL))
                .isEqualTo("Your order ORD-1 is on its way with Acme Logistics. Track it at " + URL);
    }

    @Test
    void doesNotPromiseADateOnceDelivered() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.DELIVERED, LocalDate.of(2026, 12, 1), URL))
                .isEqualTo("Your order ORD-1 has been delivered. Track it at " + URL);
    }
}
