package dev.conveyor.plugin.logistics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.plugin.logistics.dispatch.DispatchPrepared;
import dev.conveyor.plugin.logistics.order.OrderRequest;
import dev.conveyor.plugin.logistics.order.OrderStatus;
import dev.conveyor.plugin.logistics.order.OrderView;
import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.plugin.logistics.tracking.AcmeTracking;
import dev.conveyor.plugin.logistics.tracking.CarrierScan;
import dev.conveyor.plugin.logistics.tracking.Shipment;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import dev.conveyor.plugin.logistics.tracking.ShipmentStatusChanged;
import dev.conveyor.plugin.logistics.tracking.ShipmentView;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.unit.Constraints;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages and views through a mapper as strict as the platform's (it refuses unknown fields and nulls for
 * primitives), with the messages' annotations checked as the platform checks them.
 */
final class MessageJsonTest {

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

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

        assertThat(Constraints.violations(order)).isEmpty();
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

        assertThat(Constraints.violations(order)).isEmpty();
        assertThat(order.shipping().signatureRequired()).isFalse();
    }

    @Test
    void letsTheRulesNameAMissingQuantity() {
        OrderRequest order = json.readValue("""
                {"orderId": "ORD-1", "customer": {"name": "Jane Doe", "email": "jane@example.com"},
                 "items": [{"sku": "SKU-1", "weightKg": 2}],
                 "shipping": {"address": {"line1": "1 Market St", "city": "San Francisco", "postalCode": "94105", "country": "US"},
                              "serviceLevel": "STANDARD"}}
                """, OrderRequest.class);

        assertThat(Constraints.violations(order)).containsExactly(
                new Violation("items[0].quantity", "is required: a whole number from 1 to 1000"));
    }

    @Test
    void roundTripsTheInternalMessages() {
        DispatchPrepared dispatch = new DispatchPrepared("ORD-1", "US-WEST", ServiceLevel.EXPRESS, LocalDate.of(2026, 11, 30),
                LocalDate.of(2026, 12, 2), new BigDecimal("43.0"), 2);
        ShipmentStatusChanged change = ShipmentStatusChanged.labelCreated("ORD-1", AcmeTracking.ISSUER.parse("CV100000003US"),
                Instant.parse("2026-11-27T15:00:00Z"), LocalDate.of(2026, 12, 2), "US-WEST");

        assertThat(json.readValue(json.writeValueAsString(dispatch), DispatchPrepared.class)).isEqualTo(dispatch);
        assertThat(json.readValue(json.writeValueAsString(change), ShipmentStatusChanged.class)).isEqualTo(change);
        assertThat(json.writeValueAsString(change)).isEqualTo("{\"orderId\":\"ORD-1\",\"trackingNumber\":\"CV100000003US\","
                + "\"status\":\"LABEL_CREATED\",\"occurredAt\":\"2026-11-27T15:00:00Z\",\"estimatedDelivery\":\"2026-12-02\","
                + "\"location\":\"US-WEST\"}");
    }

    @Test
    void decodesALabelAnnouncedBeforeScansExisted() {
        ShipmentStatusChanged change = json.readValue("""
                {"orderId": "ORD-1", "trackingNumber": "CV100000003US", "status": "LABEL_CREATED",
                 "occurredAt": "2026-11-20T15:00:00Z", "estimatedDelivery": "2026-12-02", "location": "US-WEST"}
                """, ShipmentStatusChanged.class);

        assertThat(change.scanId()).isNull();
        assertThat(change.detail()).isNull();
        assertThat(Constraints.violations(change)).isEmpty();
    }

    @Test
    void decodesACarrierScan() {
        ShipmentStatusChanged scan = json.readValue("""
                {"trackingNumber": "CV100000003US", "scanId": "NWK-20261120-0001", "status": "EXCEPTION",
                 "occurredAt": "2026-11-20T09:15:00Z", "location": "Newark, NJ", "detail": "Address not found",
                 "estimatedDelivery": "2026-11-24"}
                """, ShipmentStatusChanged.class);

        assertThat(Constraints.violations(scan)).isEmpty();
        assertThat(scan).isEqualTo(new ShipmentStatusChanged(null, "CV100000003US", ShipmentStatus.EXCEPTION,
                Instant.parse("2026-11-20T09:15:00Z"), LocalDate.of(2026, 11, 24), "Newark, NJ", "NWK-20261120-0001",
                "Address not found"));
    }

    @Test
    void readsAScanTimeWithAnOffset() {
        ShipmentStatusChanged scan = json.readValue("""
                {"trackingNumber": "CV100000003US", "scanId": "S1", "status": "DELIVERED", "occurredAt": "2026-11-20T10:15:00+01:00"}
                """, ShipmentStatusChanged.class);

        assertThat(scan.occurredAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    }

    @Test
    void refusesAScanTimeInTheFuture() {
        ShipmentStatusChanged scan = new ShipmentStatusChanged(null, "CV100000003US", ShipmentStatus.IN_TRANSIT,
                Instant.now().plus(Duration.ofDays(2)), null, null, "S1", null);

        assertThat(scan.brokenRules(Instant.now())).extracting(Violation::field).containsExactly("occurredAt");
    }

    @Test
    void showsAShipmentWithItsScans() {
        Shipment shipment = Shipment.labelCreated(AcmeTracking.ISSUER.parse("CV100000003US"), "ORD-1", "US-EAST",
                ServiceLevel.EXPRESS, LocalDate.of(2026, 12, 1), Instant.parse("2026-11-27T15:00:00Z"));
        shipment.recordScan(new CarrierScan(AcmeTracking.ISSUER.parse("CV100000003US"), "S2", ShipmentStatus.DELIVERED,
                Instant.parse("2026-11-28T11:00:00Z"), "New York, NY", "Signed by J. Doe", null), Instant.parse("2026-11-28T11:01:00Z"));
        shipment.recordScan(new CarrierScan(AcmeTracking.ISSUER.parse("CV100000003US"), "S1", ShipmentStatus.OUT_FOR_DELIVERY,
                Instant.parse("2026-11-28T08:00:00Z"), null, null, null), Instant.parse("2026-11-28T12:00:00Z"));

        assertThat(json.writeValueAsString(ShipmentView.of(shipment))).isEqualTo("{"
                + "\"trackingNumber\":\"CV100000003US\",\"orderId\":\"ORD-1\",\"status\":\"DELIVERED\",\"serviceLevel\":\"EXPRESS\","
                + "\"hub\":\"US-EAST\",\"estimatedDelivery\":\"2026-12-01\",\"lastScanAt\":\"2026-11-28T11:00:00Z\","
                + "\"trackingUrl\":\"https://track.acme-logistics.example/t/CV100000003US\",\"history\":["
                + "{\"status\":\"LABEL_CREATED\",\"occurredAt\":\"2026-11-27T15:00:00Z\",\"location\":\"US-EAST\","
                + "\"note\":\"Shipping label created\",\"recordedAt\":\"2026-11-27T15:00:00Z\"},"
                + "{\"status\":\"OUT_FOR_DELIVERY\",\"occurredAt\":\"2026-11-28T08:00:00Z\",\"scanId\":\"S1\","
                + "\"recordedAt\":\"2026-11-28T12:00:00Z\"},"
                + "{\"status\":\"DELIVERED\",\"occurredAt\":\"2026-11-28T11:00:00Z\",\"location\":\"New York, NY\","
                + "\"scanId\":\"S2\",\"detail\":\"Signed by J. Doe\",\"recordedAt\":\"2026-11-28T11:01:00Z\"}]}");
    }

    @Test
    void callsTheFinalFlagFinal() {
        OrderView view = new OrderView("ORD-1", OrderStatus.REJECTED, true, "Acme Logistics does not deliver to BR", "Jane Doe",
                null, null, null, null, Instant.parse("2026-11-27T15:00:00Z"), null, null, null, List.of());

        assertThat(json.writeValueAsString(view)).isEqualTo("{\"orderId\":\"ORD-1\",\"status\":\"REJECTED\",\"final\":true,"
                + "\"rejectionReason\":\"Acme Logistics does not deliver to BR\",\"customerName\":\"Jane Doe\","
                + "\"receivedAt\":\"2026-11-27T15:00:00Z\",\"items\":[]}");
    }
}
