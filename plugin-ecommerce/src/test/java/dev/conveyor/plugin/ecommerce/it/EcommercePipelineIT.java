package dev.conveyor.plugin.ecommerce.it;

import static dev.conveyor.testkit.runtime.Probe.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.plugin.ecommerce.EcommercePlugin;
import dev.conveyor.plugin.ecommerce.inventory.StockLoaded;
import dev.conveyor.plugin.ecommerce.label.LabelView;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.services.Sql;
import dev.conveyor.testkit.runtime.PluginRuntime;
import dev.conveyor.testkit.runtime.Probe;
import dev.conveyor.testkit.runtime.TestTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * E-Commerce Express end to end on Azurite + Postgres: stock loaded through the action, orders reserved, shipped
 * with a PDF label, followed by carrier scans to delivery; the last units are never oversold under concurrent
 * orders; and bad input ends as a clear rejection.
 */
final class EcommercePipelineIT {

    private static final PluginRuntime runtime = PluginRuntime.shared(new EcommercePlugin());
    private static final Sql sql = Sql.asOwner();

    @Test
    void anOrderIsReservedShippedWithALabelAndFollowedThroughCarrierScansToDelivery() throws Exception {
        TestTenant tenant = newTenant();
        StockLoaded loaded = (StockLoaded) tenant.act("stock", "text/csv",
                "warehouse,sku,onHand\neast,SKU-MUG,5\nwest,SKU-MUG,5\neast,SKU-TEE,3\n");
        assertThat(loaded.rowsLoaded()).isEqualTo(3);

        tenant.ingest("orders", order("EC-1", "SKU-MUG", 2, "SKU-TEE", 1))
                .andWaitFor(view("orders", "EC-1"), order -> status(order).equals("SHIPPED"));
        String trackingNumber = (String) sql.row(
                "select tracking_number from ecommerce_shipment where tenant_id = ? and order_id = 'EC-1'", tenant.id())
                .get("tracking_number");
        tenant.waitFor(notifications(tenant, "EC-1", "SHIPPED"), count -> count == 1);
        assertThat(count(tenant, "EC-1", "CONFIRMED")).isEqualTo(1);
        assertThat(sql.row("select on_hand, reserved from ecommerce_stock where tenant_id = ? and warehouse = 'east'"
                + " and sku = 'SKU-MUG'", tenant.id())).containsEntry("on_hand", 3).containsEntry("reserved", 0);

        BinaryContent label = tenant.view("labels", trackingNumber, BinaryContent.class).orElseThrow();
        assertThat(label.contentType()).isEqualTo("application/pdf");
        try (PDDocument pdf = Loader.loadPDF(label.bytes())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(288f);
            assertThat(pdf.getPage(0).getMediaBox().getHeight()).isEqualTo(432f);
            assertThat(new PDFTextStripper().getText(pdf)).contains(trackingNumber);
        }

        Instant shipped = Instant.now();
        scan(tenant, trackingNumber, "IN_TRANSIT", "scan-1", shipped.plusSeconds(60));
        scan(tenant, trackingNumber, "IN_TRANSIT", "scan-1", shipped.plusSeconds(60));      // duplicate
        scan(tenant, trackingNumber, "DELIVERED", "scan-3", shipped.plusSeconds(3600));
        scan(tenant, trackingNumber, "OUT_FOR_DELIVERY", "scan-2", shipped.plusSeconds(1800)); // arrives late

        tenant.waitFor(view("orders", "EC-1"), order -> status(order).equals("DELIVERED"));
        tenant.waitFor(Probe.of("the shipment's events", () -> sql.count(
                "select count(*) from ecommerce_shipment_event e join ecommerce_shipment s on s.id = e.shipment_id"
                        + " where s.tenant_id = ? and s.tracking_number = ?", tenant.id(), trackingNumber)), count -> count == 4);
        assertThat(sql.row("select status from ecommerce_shipment where tenant_id = ? and tracking_number = ?", tenant.id(),
                trackingNumber)).containsEntry("status", "DELIVERED");
        assertThat(count(tenant, "EC-1", "DELIVERED")).isEqualTo(1);
        assertThat(count(tenant, "EC-1", "IN_TRANSIT")).isEqualTo(1);
        assertThat(count(tenant, "EC-1", "OUT_FOR_DELIVERY")).isZero();
        assertThat(tenant.deadLetters()).isEmpty();
    }

    @Test
    void concurrentOrdersForTheLastUnitsNeverOversell() throws InterruptedException {
        TestTenant tenant = newTenant();
        tenant.act("stock", "application/json", "[{\"warehouse\": \"east\", \"sku\": \"SKU-LAST\", \"onHand\": 6},"
                + " {\"warehouse\": \"west\", \"sku\": \"SKU-LAST\", \"onHand\": 4}]");
        int orders = 40;
        try (var senders = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < orders; i++) {
                String id = "RUSH-" + i;
                senders.submit(() -> tenant.ingest("orders", order(id, "SKU-LAST", 1, null, 0)));
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        tenant.waitFor(Probe.of("orders shipped or rejected", () -> sql.count(
                "select count(*) from ecommerce_order where tenant_id = ? and status in ('SHIPPED', 'REJECTED')", tenant.id())),
                count -> count == orders, Duration.ofSeconds(90));
        assertThat(sql.count("select count(*) from ecommerce_order where tenant_id = ? and status = 'SHIPPED'", tenant.id()))
                .isEqualTo(10);
        assertThat(sql.count("select count(*) from ecommerce_order where tenant_id = ? and status = 'REJECTED'", tenant.id()))
                .isEqualTo(30);
        assertThat(sql.count("select sum(on_hand) from ecommerce_stock where tenant_id = ?", tenant.id())).isZero();
        assertThat(sql.count("select sum(reserved) from ecommerce_stock where tenant_id = ?", tenant.id())).isZero();
        tenant.waitFor(Probe.of("rejection notices", () -> sql.count(
                "select count(*) from ecommerce_notification where tenant_id = ? and kind = 'REJECTED'", tenant.id())),
                count -> count == 30);
    }

    @Test
    void theLabelIsDrawnOnlyAfterTheViewsReadTransactionClosed() {
        TestTenant tenant = newTenant();
        tenant.act("stock", "text/csv", "warehouse,sku,onHand\neast,SKU-MUG,5\neast,SKU-TEE,3\n");
        tenant.ingest("orders", order("EC-L", "SKU-MUG", 1, "SKU-TEE", 1))
                .andWaitFor(view("orders", "EC-L"), order -> status(order).equals("SHIPPED"));
        String trackingNumber = (String) sql.row(
                "select tracking_number from ecommerce_shipment where tenant_id = ? and order_id = 'EC-L'", tenant.id())
                .get("tracking_number");

        // Inside a transaction (as the engine runs a view's finder) the label is only read, not drawn.
        Object found = tenant.read(context -> LabelView.find(trackingNumber, context).orElseThrow());

        assertThat(found).isInstanceOf(BinaryContent.Deferred.class);
        assertThat(((BinaryContent.Deferred) found).render().bytes()).startsWith("%PDF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(tenant.view("labels", trackingNumber, Object.class).orElseThrow()).isInstanceOf(BinaryContent.class);
    }

    @Test
    void anUnknownProductIsRejectedWithItsReasonAndBadStockRowsAreAllNamed() {
        TestTenant tenant = newTenant();
        JsonNode rejected = tenant.ingest("orders", order("EC-NOPE", "SKU-GHOST", 1, null, 0))
                .andWaitFor(view("orders", "EC-NOPE"), order -> status(order).equals("REJECTED"));

        assertThat(rejected.path("reason").asString()).contains("SKU-GHOST");
        assertThat((String) sql.row("select reason from ecommerce_order where tenant_id = ? and order_id = 'EC-NOPE'",
                tenant.id()).get("reason")).contains("SKU-GHOST");
        // The platform checks every row's own rules before the plugin's rules across rows and settings run (v1 named
        // both problems of this body in one answer; v2 names the broken rule, then, once it is fixed, the warehouse).
        assertThatThrownBy(() -> tenant.act("stock", "text/csv", "warehouse,sku,onHand\nnorth,SKU-A,1\neast,SKU-B,-4\n"))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.violations())
                        .extracting(Violation::field).containsExactly("rows[1].onHand"));
        assertThatThrownBy(() -> tenant.act("stock", "text/csv", "warehouse,sku,onHand\nnorth,SKU-A,1\neast,SKU-B,4\n"))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.violations())
                        .extracting(Violation::field).containsExactly("rows[0].warehouse"));
        assertThat(sql.count("select count(*) from ecommerce_stock where tenant_id = ?", tenant.id())).isZero();
    }

    private static TestTenant newTenant() {
        return runtime.tenant(Map.of("warehouses", "east,west"));
    }

    private static String status(JsonNode order) {
        return order.path("status").asString();
    }

    private static Probe<Long> notifications(TestTenant tenant, String orderId, String kind) {
        return Probe.of(kind + " notifications of order " + orderId, () -> count(tenant, orderId, kind));
    }

    private static long count(TestTenant tenant, String orderId, String kind) {
        return sql.count("select count(*) from ecommerce_notification where tenant_id = ? and order_id = ? and kind = ?",
                tenant.id(), orderId, kind);
    }

    private static void scan(TestTenant tenant, String trackingNumber, String kind, String scanId, Instant at) {
        tenant.ingest("tracking-events", """
                {"trackingNumber": "%s", "kind": "%s", "scanId": "%s", "occurredAt": "%s", "location": "Hub 7"}"""
                .formatted(trackingNumber, kind, scanId, at));
    }

    private static String order(String orderId, String sku, int quantity, String secondSku, int secondQuantity) {
        String lines = "{\"sku\": \"" + sku + "\", \"quantity\": " + quantity + "}"
                + (secondSku == null ? "" : ", {\"sku\": \"" + secondSku + "\", \"quantity\": " + secondQuantity + "}");
        return """
                {"orderId": "%s", "customer": {"name": "Ada Lovelace", "email": "ada@example.com"},
                 "lines": [%s],
                 "shippingAddress": {"line1": "1 Main St", "city": "Boston", "postalCode": "02118", "country": "US"},
                 "speed": "STANDARD"}""".formatted(orderId, lines);
    }
}
