package dev.conveyor.plugin.logistics.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.sdk.RequestContext;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.TestRequestContext;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

final class ShipmentViewTest {

    private final InMemoryShipments shipments = new InMemoryShipments();
    private final RequestContext context = TestRequestContext.withoutSettings().tenant("acme")
            .withRepository(Shipments.class, shipments);

    @Test
    void findsAShipmentByItsTrackingNumberAsAPersonTypesIt() {
        shipments.save(Shipment.labelCreated(AcmeTracking.ISSUER.issue(10_000_000), "ORD-1", "US-EAST", ServiceLevel.EXPRESS,
                LocalDate.of(2030, 1, 4), Instant.parse("2030-01-01T10:00:00Z")));

        assertThat(ShipmentView.find(" cv100000003us", context)).hasValueSatisfying(view -> {
            assertThat(view.orderId()).isEqualTo("ORD-1");
            assertThat(view.trackingUrl()).isEqualTo("https://track.acme-logistics.example/t/CV100000003US");
        });
        assertThat(ShipmentView.find("CV999999995US", context)).isEmpty();
    }

    @Test
    void refusesATrackingNumberWithAWrongCheckDigitNamingIt() {
        assertThatThrownBy(() -> ShipmentView.find("CV100000004US", context))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.violations()).containsExactly(
                        new Violation("trackingNumber", "tracking number 'CV100000004US' has a wrong check digit: expected 3")));
    }
}
