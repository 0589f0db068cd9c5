package dev.conveyor.plugin.ecommerce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.ecommerce.fulfillment.FulfillmentReserved;
import dev.conveyor.plugin.ecommerce.fulfillment.ReservedItem;
import dev.conveyor.plugin.ecommerce.inventory.StockLevel;
import dev.conveyor.plugin.ecommerce.inventory.StockLoaded;
import dev.conveyor.plugin.ecommerce.inventory.StockView;
import dev.conveyor.plugin.ecommerce.order.OrderRequest;
import dev.conveyor.plugin.ecommerce.order.OrderStatus;
import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.orderview.OrderView;
import dev.conveyor.plugin.ecommerce.tracking.OrderUpdate;
import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.Constraints;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The messages and views through Jackson, as the platform maps them. */
final class MessageJsonTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void decodesACompleteOrder() {
        OrderRequest order = json.readValue("""
                {"orderId": "ORD-1",
                 "customer": {"name": "Jane Doe", "email": "jane@example.com", "phone": "+1 212 555 0100"},
                 "lines": [{"sku": "SKU-1", "quantity": 2}, {"sku": "SKU-2", "quantity": 1}],
                 "shippingAddress": {"line1": "350 Fifth Avenue", "line2": "Suite 100", "city": "New York",
                                     "postalCode": "10118", "country": "US"},
                 "speed": "EXPRESS"}
                """, OrderRequest.class);

        assertThat(Constraints.violations(order)).isEmpty();
        assertThat(order.lines().get(0).quantity()).isEqualTo(2);
        assertThat(order.speed()).isEqualTo(ShippingSpeed.EXPRESS);
    }

    @Test
    void letsTheRulesNameAMissingQuantity() {
        OrderRequest order = json.readValue("""
                {"orderId": "ORD-1", "customer": {"name": "Jane Doe", "email": "jane@example.com"},
                 "lines": [{"sku": "SKU-1"}],
                 "shippingAddress": {"line1": "1 Main St", "city": "Springfield", "postalCode": "12345", "country": "US"},
                 "speed": "STANDARD"}
                """, OrderRequest.class);

        assertThat(Constraints.violations(order)).containsExactly(
                new Violation("lines[0].quantity", "is required: a whole number from 1 to 1000"));
    }

    @Test
    void decodesACarrierScan() {
        OrderUpdate scan = json.readValue("""
                {"kind": "DELIVERED", "trackingNumber": "EC123456785US", "scanId": "ups-778",
                 "occurredAt": "2026-11-30T11:00:00Z", "location": "New York"}
                """, OrderUpdate.class);

        assertThat(Constraints.violations(scan)).isEmpty();
        assertThat(scan.occurredAt()).isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
    }

    @Test
    void roundTripsTheInternalMessages() {
        FulfillmentReserved reserved = new FulfillmentReserved("ORD-1",
                List.of(new ReservedItem("east", "SKU-1", 2), new ReservedItem("west", "SKU-2", 1)), ShippingSpeed.STANDARD);
        OrderUpdate shipped = new OrderUpdate("ORD-1", UpdateKind.SHIPPED, "EC123456785US", Instant.parse("2026-11-27T15:00:00Z"),
                LocalDate.of(2026, 12, 1), "east", "Conveyor Parcel", null);
        OrderUpdate confirmed = new OrderUpdate("ORD-1", UpdateKind.CONFIRMED, null, Instant.parse("2026-11-27T15:00:00Z"),
                LocalDate.of(2026, 12, 1), null, null, null);

        assertThat(json.readValue(json.writeValueAsString(reserved), FulfillmentReserved.class)).isEqualTo(reserved);
        assertThat(json.readValue(json.writeValueAsString(shipped), OrderUpdate.class)).isEqualTo(shipped);
        assertThat(json.readValue(json.writeValueAsString(confirmed), OrderUpdate.class)).isEqualTo(confirmed);
        assertThat(Constraints.violations(reserved)).isEmpty();
        assertThat(Constraints.violations(shipped)).isEmpty();
        assertThat(Constraints.violations(confirmed)).isEmpty();
    }

    @Test
    void callsTheFinalFlagFinal() {
        OrderView view = new OrderView("ORD-1", OrderStatus.REJECTED, true, "not enough stock of SKU-2 (2 ordered)",
                ShippingSpeed.EXPRESS, null, Instant.parse("2026-11-27T15:00:00Z"), null, null,
                List.of(new OrderView.Line("SKU-2", 2, null, null)), List.of(), 1);

        assertThat(json.writeValueAsString(view)).isEqualTo("{\"orderId\":\"ORD-1\",\"status\":\"REJECTED\",\"final\":true,"
                + "\"reason\":\"not enough stock of SKU-2 (2 ordered)\",\"speed\":\"EXPRESS\",\"receivedAt\":\"2026-11-27T15:00:00Z\","
                + "\"lines\":[{\"sku\":\"SKU-2\",\"quantity\":2}],\"shipments\":[],\"notifications\":1}");
    }

    @Test
    void writesStockAnswers() {
        assertThat(json.writeValueAsString(new StockLoaded(3, List.of("east", "west"))))
                .isEqualTo("{\"rowsLoaded\":3,\"warehouses\":[\"east\",\"west\"]}");
        assertThat(json.writeValueAsString(StockView.of("SKU-1", List.of(StockLevel.of("east", 10, 4)))))
                .isEqualTo("{\"sku\":\"SKU-1\",\"onHand\":10,\"reserved\":4,\"available\":6,"
                        + "\"warehouses\":[{\"warehouse\":\"east\",\"onHand\":10,\"reserved\":4,\"available\":6}]}");
    }
}
