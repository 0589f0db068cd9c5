package dev.conveyor.plugin.ecommerce.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.conveyor.engine.ConveyorEngine;
import dev.conveyor.engine.database.DatabasePools;
import dev.conveyor.engine.database.DatabaseSetup;
import dev.conveyor.engine.plugin.PluginRegistry;
import dev.conveyor.engine.tenant.TenantSpec;
import dev.conveyor.plugin.ecommerce.EcommercePlugin;
import dev.conveyor.plugin.ecommerce.inventory.StockLoaded;
import dev.conveyor.plugin.ecommerce.label.LabelView;
import dev.conveyor.sdk.BinaryContent;
import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.ValidationException;
import dev.conveyor.testkit.Sql;
import dev.conveyor.testkit.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * E-Commerce Express end to end on Azurite + Postgres: stock loaded through the action, orders reserved, shipped
 * with a PDF label, followed by carrier scans to delivery; the last units are never oversold under concurrent
 * orders; and bad input ends as a clear rejection.
 */
final class EcommercePipelineIT {

    private static final Sql sql = Sql.asOwner();
    private static ConveyorEngine engine;

    @BeforeAll
    static void start() {
        TestServices services = TestServices.get();
        List<DomainPlugin> plugins = List.of(new EcommercePlugin());
        DatabasePools pools = new DatabaseSetup(services.database().jdbcUrl(), services.database().user(),
                services.database().password()).open(plugins, 20, null);
        engine = ConveyorEngine.builder()
                .database(pools)
                .closing(pools)
                .storageConnectionString(services.storageConnectionString())
                .plugins(new PluginRegistry(plugins))
                .outboxSweep(Duration.ofMillis(500), Duration.ofSeconds(2))
                .shutdownGrace(Duration.ofSeconds(3))
                .start();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void anOrderIsReservedShippedWithALabelAndFollowedThroughCarrierScansToDelivery() throws Exception {
        String tenant = newTenant();
        StockLoaded loaded = (StockLoaded) engine.act(tenant, "stock", "text/csv",
                "warehouse,sku,onHand\neast,SKU-MUG,5\nwest,SKU-MUG,5\neast,SKU-TEE,3\n");
        assertThat(loaded.rowsLoaded()).isEqualTo(3);

        engine.ingest(tenant, "orders", order("EC-1", "SKU-MUG", 2, "SKU-TEE", 1), Optional.empty());

        await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, "EC-1").equals("SHIPPED"));
        String trackingNumber = (String) sql.row(
                "select tracking_number from ecommerce_shipment where tenant_id = ? and order_id = 'EC-1'", tenant)
                .get("tracking_number");
        await().atMost(Duration.ofSeconds(30)).until(() -> notifications(tenant, "EC-1", "SHIPPED") == 1);
        assertThat(notifications(tenant, "EC-1", "CONFIRMED")).isEqualTo(1);
        assertThat(sql.row("select on_hand, reserved from ecommerce_stock where tenant_id = ? and warehouse = 'east'"
                + " and sku = 'SKU-MUG'", tenant)).containsEntry("on_hand", 3).containsEntry("reserved", 0);

        BinaryContent label = (BinaryContent) engine.view(tenant, "labels", trackingNumber);
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

        await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, "EC-1").equals("DELIVERED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from ecommerce_shipment_event e join ecommerce_shipment s on s.id = e.shipment_id"
                        + " where s.tenant_id = ? and s.tracking_number = ?", tenant, trackingNumber) == 4);
        assertThat(sql.row("select status from ecommerce_shipment where tenant_id = ? and tracking_number = ?", tenant,
                trackingNumber)).containsEntry("status", "DELIVERED");
        assertThat(notifications(tenant, "EC-1", "DELIVERED")).isEqualTo(1);
        assertThat(notifications(tenant, "EC-1", "IN_TRANSIT")).isEqualTo(1);
        assertThat(notifications(tenant, "EC-1", "OUT_FOR_DELIVERY")).isZero();
        assertThat(sql.count("select count(*) from dead_letter where tenant_id = ?", tenant)).isZero();
    }

    @Test
    void concurrentOrdersForTheLastUnitsNeverOversell() throws InterruptedException {
        String tenant = newTenant();
        engine.act(tenant, "stock", "application/json", "[{\"warehouse\": \"east\", \"sku\": \"SKU-LAST\", \"onHand\": 6},"
                + " {\"warehouse\": \"west\", \"sku\": \"SKU-LAST\", \"onHand\": 4}]");
        int orders = 40;
        try (var senders = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < orders; i++) {
                String id = "RUSH-" + i;
                senders.submit(() -> engine.ingest(tenant, "orders", order(id, "SKU-LAST", 1, null, 0), Optional.empty()));
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> sql.count(
                "select count(*) from ecommerce_order where tenant_id = ? and status in ('SHIPPED', 'REJECTED')", tenant) == orders);
        assertThat(sql.count("select count(*) from ecommerce_order where tenant_id = ? and status = 'SHIPPED'", tenant))
                .isEqualTo(10);
        assertThat(sql.count("select count(*) from ecommerce_order where tenant_id = ? and status = 'REJECTED'", tenant))
                .isEqualTo(30);
        assertThat(sql.count("select sum(on_hand) from ecommerce_stock where tenant_id = ?", tenant)).isZero();
        assertThat(sql.count("select sum(reserved) from ecommerce_stock where tenant_id = ?", tenant)).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> sql.count(
                "select count(*) from ecommerce_notification where tenant_id = ? and kind = 'REJECTED'", tenant) == 30);
    }

    @Test
    void theLabelIsDrawnOnlyAfterTheViewsReadTransactionClosed() {
        String tenant = newTenant();
        engine.act(tenant, "stock", "text/csv", "warehouse,sku,onHand\neast,SKU-MUG,5\neast,SKU-TEE,3\n");
        engine.ingest(tenant, "orders", order("EC-L", "SKU-MUG", 1, "SKU-TEE", 1), Optional.empty());
        await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, "EC-L").equals("SHIPPED"));
        String trackingNumber = (String) sql.row(
                "select tracking_number from ecommerce_shipment where tenant_id = ? and order_id = 'EC-L'", tenant)
                .get("tracking_number");

        // Inside a transaction (as the engine runs a view's finder) the label is only read, not drawn.
        Object found = engine.database().inTenantTransaction(tenant, engine.plugins().get("ecommerce"),
                entityManager -> LabelView.find(tenant, trackingNumber, entityManager).orElseThrow());

        assertThat(found).isInstanceOf(BinaryContent.Deferred.class);
        assertThat(((BinaryContent.Deferred) found).render().bytes()).startsWith("%PDF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(engine.view(tenant, "labels", trackingNumber)).isInstanceOf(BinaryContent.class);
    }

    @Test
    void anUnknownProductIsRejectedWithItsReasonAndBadStockRowsAreAllNamed() {
        String tenant = newTenant();
        engine.ingest(tenant, "orders", order("EC-NOPE", "SKU-GHOST", 1, null, 0), Optional.empty());

        await().atMost(Duration.ofSeconds(30)).until(() -> status(tenant, "EC-NOPE").equals("REJECTED"));
        assertThat((String) sql.row("select reason from ecommerce_order where tenant_id = ? and order_id = 'EC-NOPE'", tenant)
                .get("reason")).contains("SKU-GHOST");
        assertThatThrownBy(() -> engine.act(tenant, "stock", "text/csv",
                "warehouse,sku,onHand\nnorth,SKU-A,1\neast,SKU-B,-4\n"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).violations()).hasSizeGreaterThanOrEqualTo(2));
        assertThat(sql.count("select count(*) from ecommerce_stock where tenant_id = ?", tenant)).isZero();
    }

    private static String newTenant() {
        String tenant = "ec-" + UUID.randomUUID().toString().substring(0, 8);
        engine.createTenant(new TenantSpec(tenant, "Test Shop", "ecommerce", Map.of("warehouses", "east,west"), Map.of(), null));
        return tenant;
    }

    private static String status(String tenant, String orderId) {
        var rows = sql.rows("select status from ecommerce_order where tenant_id = ? and order_id = ?", tenant, orderId);
        return rows.isEmpty() ? "" : (String) rows.getFirst().get("status");
    }

    private static long notifications(String tenant, String orderId, String kind) {
        return sql.count("select count(*) from ecommerce_notification where tenant_id = ? and order_id = ? and kind = ?",
                tenant, orderId, kind);
    }

    private static void scan(String tenant, String trackingNumber, String kind, String scanId, Instant at) {
        engine.ingest(tenant, "tracking-events", """
                {"trackingNumber": "%s", "kind": "%s", "scanId": "%s", "occurredAt": "%s", "location": "Hub 7"}"""
                .formatted(trackingNumber, kind, scanId, at), Optional.empty());
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
