package dev.conveyor.plugin.logistics.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class CustomerMessagesTest {

    private static final String URL = "https://track.acme-logistics.example/t/CV123456785US";
    private static final LocalDate SATURDAY = LocalDate.of(2026, 11, 28);
    private static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);

    @Test
    void announcesTheShipmentWithItsServiceLevelAndDeliveryDate() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.EXPRESS, ShipmentStatus.LABEL_CREATED, SATURDAY, null, TUESDAY, URL))
                .isEqualTo("Your order ORD-1 has shipped with Acme Logistics (EXPRESS). Estimated delivery: Tue 1 Dec 2026. "
                        + "Track it at " + URL);
    }

    @Test
    void leavesOutAnUnknownDeliveryDate() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.IN_TRANSIT, SATURDAY, null, null, URL))
                .isEqualTo("Your order ORD-1 is on its way with Acme Logistics. Track it at " + URL);
    }

    @Test
    void saysTheParcelIsOutForDeliveryWithoutADate() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.OUT_FOR_DELIVERY, SATURDAY, null, TUESDAY,
                URL))
                .isEqualTo("Your order ORD-1 is out for delivery today. Track it at " + URL);
    }

    @Test
    void namesTheDayOfDeliveryAndDoesNotPromiseADateOnceDelivered() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.DELIVERED, SATURDAY, null, TUESDAY, URL))
                .isEqualTo("Your order ORD-1 was delivered on Sat 28 Nov 2026. Track it at " + URL);
    }

    @Test
    void saysWhoSignedForADelivery() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.DELIVERED, SATURDAY, "Signed by J. Doe",
                null, URL))
                .isEqualTo("Your order ORD-1 was delivered on Sat 28 Nov 2026 (Signed by J. Doe). Track it at " + URL);
    }

    @Test
    void fallsBackWhenTheDayOfDeliveryIsUnknown() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.DELIVERED, null, null, null, URL))
                .isEqualTo("Your order ORD-1 has been delivered. Track it at " + URL);
    }

    @Test
    void explainsAnExceptionWithTheCarriersDetail() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.EXCEPTION, SATURDAY,
                "  Address not found:\n  recipient unknown.  ", TUESDAY, URL))
                .isEqualTo("There is a problem with the delivery of your order ORD-1: Address not found: recipient unknown. "
                        + "We are working on it. Estimated delivery: Tue 1 Dec 2026. Track it at " + URL);
    }

    @Test
    void reportsAnExceptionWithoutDetail() {
        assertThat(CustomerMessages.compose("ORD-1", ServiceLevel.STANDARD, ShipmentStatus.EXCEPTION, SATURDAY, null, null, URL))
                .isEqualTo("There is a problem with the delivery of your order ORD-1; we are working on it. Track it at " + URL);
    }
}
