package dev.conveyor.plugin.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.engine.envelope.EnvelopeCodec;
import dev.conveyor.plugin.logistics.dispatch.DispatchPrepared;
import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.plugin.logistics.order.OrderStatus;
import dev.conveyor.plugin.logistics.order.OrderView;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusChanged;
import dev.conveyor.sdk.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The messages and views through the mapper the engine decodes payloads with, so its strictness is accounted for. */
final class MessageJsonTest {

    private final JsonMapper json = new EnvelopeCodec().json();

    @Test
    void decodesACompleteOrder() {
        OrderRequest order = json.readValue("""
                {"orderId": "ORD-1",
                 "customer": {"name": "Jane Doe", "email": "jane@example.com", "phone": "+1 212 555 0100"},
                 "items": [{"sku": "SKU-1", "description": "Kettle", "quantity": 2, "weightKg": 1.5}],
                 "shipping": {"address": {"line1": "1 Market St", "line2": "Floor 3", "city": "San Francisco",
                                          "postalCode": "94105", "country": "US"},
                              "serviceLevel": "EXPRESS", "instructions": "Front desk", "signatureRequired": true}}
                """, OrderRequest.class);

        assertThat(LogisticsPlugin.ORDER.validate(order)).isEmpty();
        assertThat(order.items().get(0).weightKg()).isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(order.shipping().signatureRequired()).isTrue();
    }

    @Test
    void decodesAnOrderWithoutItsOptionalFields() {
        OrderRequest order = json.readValue("""
                {"orderId": "ORD-1",
                 "customer": {"name": "Jane Doe", "email": "jane@example.com"},
                 "items": [{"sku": "SKU-1", "quantity": 1, "weightKg": 2}],
                 "shipping": {"address": {"line1": "1 Market St", "city": "San Francisco", "postalCode": "94105", "country": "US"},
                              "serviceLevel": "STANDARD"}}
                """, OrderRequest.class);

        assertThat(LogisticsPlugin.ORDER.validate(order)).isEmpty();
        assertThat(order.shipping().signatureRequired()).isFalse();
    }

    @Test
    void letsTheValidatorNameAMissingQuantity() {
        OrderRequest order = json.readValue("""
                {"orderId": "ORD-1", "customer": {"name": "Jane Doe", "email": "jane@example.com"},
                 "items": [{"sku": "SKU-1", "weightKg": 2}],
                 "shipping": {"address": {"line1": "1 Market St", "city": "San Francisco", "postalCode": "94105", "country": "US"},
                              "serviceLevel": "STANDARD"}}
                """, OrderRequest.class);

        assertThat(LogisticsPlugin.ORDER.validate(order)).containsExactly(
                new Violation("items[0].quantity", "is required: a whole number from 1 to 1000"));
    }

    @Test
    void roundTripsTheInternalMessages() {
        DispatchPrepared dispatch = new DispatchPrepared("ORD-1", "US-WEST", ServiceLevel.EXPRESS, LocalDate.of(2026, 11, 30),
                LocalDate.of(2026, 12, 2), new BigDecimal("43.0"), 2);
        ShipmentStatusChanged change = new ShipmentStatusChanged("ORD-1", "CV100000003US", ShipmentStatus.LABEL_CREATED,
                Instant.parse("2026-11-27T15:00:00Z"), LocalDate.of(2026, 12, 2), "US-WEST");

        assertThat(json.readValue(json.writeValueAsString(dispatch), DispatchPrepared.class)).isEqualTo(dispatch);
        assertThat(json.readValue(json.writeValueAsString(change), ShipmentStatusChanged.class)).isEqualTo(change);
    }

    @Test
    void callsTheFinalFlagFinal() {
        OrderView view = new OrderView("ORD-1", OrderStatus.REJECTED, true, "Acme Logistics does not deliver to BR", "Jane Doe",
                null, null, null, null, Instant.parse("2026-11-27T15:00:00Z"), null, null, List.of());

        assertThat(json.writeValueAsString(view)).isEqualTo("{\"orderId\":\"ORD-1\",\"status\":\"REJECTED\",\"final\":true,"
                + "\"rejectionReason\":\"Acme Logistics does not deliver to BR\",\"customerName\":\"Jane Doe\","
                + "\"receivedAt\":\"2026-11-27T15:00:00Z\",\"items\":[]}");
    }
}
