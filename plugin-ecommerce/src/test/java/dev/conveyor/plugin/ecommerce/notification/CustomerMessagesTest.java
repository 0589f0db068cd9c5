package dev.conveyor.plugin.ecommerce.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class CustomerMessagesTest {

    private static final LocalDate TUESDAY = LocalDate.of(2026, 12, 1);
    private static final String URL = "https://track.example.com/EC123456785US";

    @Test
    void confirmsWithTheEstimatedDate() {
        assertThat(CustomerMessages.confirmed("ORD-1", TUESDAY))
                .isEqualTo("Thank you for your order ORD-1. It is confirmed and should arrive by Tue 1 Dec 2026.");
    }

    @Test
    void givesTheReasonOfABackorderAndARejection() {
        assertThat(CustomerMessages.backordered("ORD-1", "not enough stock of SKU-2 (2 ordered)")).isEqualTo(
                "Your order ORD-1 is waiting for stock (not enough stock of SKU-2 (2 ordered)). We will ship it as soon as it is in; "
                        + "you need not order again.");
        assertThat(CustomerMessages.rejected("ORD-1", "not enough stock of SKU-2 (2 ordered)")).isEqualTo(
                "We are sorry: we could not accept your order ORD-1 (not enough stock of SKU-2 (2 ordered)).");
    }

    @Test
    void announcesShippingWithCarrierTrackingLinkAndDate() {
        assertThat(CustomerMessages.shipped("ORD-1", "Conveyor Parcel", "EC123456785US", URL, TUESDAY)).isEqualTo(
                "Your order ORD-1 has shipped with Conveyor Parcel as parcel EC123456785US. Estimated delivery: Tue 1 Dec 2026. "
                        + "Track it at " + URL);
    }

    @Test
    void followsTheParcel() {
        assertThat(CustomerMessages.inTransit("ORD-1", "EC123456785US", URL, null))
                .isEqualTo("Your parcel EC123456785US of order ORD-1 is on its way. Track it at " + URL);
        assertThat(CustomerMessages.outForDelivery("ORD-1", "EC123456785US", URL))
                .isEqualTo("Your parcel EC123456785US of order ORD-1 is out for delivery today. Track it at " + URL);
        assertThat(CustomerMessages.delivered("ORD-1", "EC123456785US", TUESDAY))
                .isEqualTo("Your parcel EC123456785US of order ORD-1 was delivered on Tue 1 Dec 2026.");
        assertThat(CustomerMessages.exception("ORD-1", "EC123456785US", "Conveyor Parcel", URL))
                .isEqualTo("There is a problem with the delivery of your parcel EC123456785US of order ORD-1; Conveyor Parcel is "
                        + "working on it. Track it at " + URL);
    }
}
