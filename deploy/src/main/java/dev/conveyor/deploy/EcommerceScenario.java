package dev.conveyor.deploy;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * E-Commerce Express at a busy hour: orders of a few products against stock in two warehouses that runs short
 * for some of them (those orders are rejected, their customers told), and a carrier that scans each shipped
 * parcel in transit and delivered, which the demo plays through the tracking-events API.
 */
final class EcommerceScenario implements DemoScenario {

    private static final String[] SKUS = {"SKU-MUG-01", "SKU-TEE-M", "SKU-HOODIE-L", "SKU-CAP-01", "SKU-SOCKS-3", "SKU-BAG-02"};
    private static final String[][] PLACES = {{"Boston", "02118"}, {"Chicago", "60601"}, {"Denver", "80202"},
            {"Seattle", "98101"}, {"Austin", "73301"}, {"Miami", "33101"}};

    private final RandomGenerator random;
    private final String runId;
    private final Set<String> scanned = ConcurrentHashMap.newKeySet();

    EcommerceScenario(RandomGenerator random, String runId) {
        this.random = random;
        this.runId = runId;
    }

    @Override
    public String tenant() {
        return "shopexpress";
    }

    @Override
    public String plugin() {
        return "ecommerce";
    }

    @Override
    public String displayName() {
        return "E-Commerce Express";
    }

    @Override
    public Map<String, String> config() {
        return Map.of("warehouses", "east,west", "carrierName", "Conveyor Parcel");
    }

    @Override
    public String latencyLabel() {
        return "order accepted -> shipped with label";
    }

    /** Sets the stock to a level some products sell out of during the run (loading replaces, it does not add). */
    @Override
    public void prepare(DemoApi api) throws IOException, InterruptedException {
        StringBuilder csv = new StringBuilder("warehouse,sku,onHand\n");
        for (String sku : SKUS) {
            csv.append("east,").append(sku).append(",20\n").append("west,").append(sku).append(",15\n");
        }
        var response = api.post("/api/v1/tenants/shopexpress/stock", null, csv.toString(), "text/csv");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("could not load the demo's stock: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    @Override
    public Request request(int n) {
        List<Map<String, Object>> lines = new ArrayList<>();
        List<String> skus = new ArrayList<>(List.of(SKUS));
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            lines.add(Map.of("sku", skus.remove(random.nextInt(skus.size())), "quantity", 1 + random.nextInt(2)));
        }
        String name = DemoPeople.name(random);
        String[] place = PLACES[random.nextInt(PLACES.length)];
        Map<String, Object> order = new LinkedHashMap<>();
        String orderId = "SHOP-" + runId + "-" + String.format("%05d", n);
        order.put("orderId", orderId);
        order.put("customer", Map.of("name", name, "email", DemoPeople.email(name)));
        order.put("lines", lines);
        order.put("shippingAddress", Map.of("line1", (1 + random.nextInt(999)) + " Commerce St", "city", place[0],
                "postalCode", place[1], "country", "US"));
        order.put("speed", random.nextInt(4) == 0 ? "EXPRESS" : "STANDARD");
        return new Request("orders", orderId, JSON.writeValueAsString(order));
    }

    @Override
    public Optional<Outcome> outcome(DemoApi api, String orderId) throws IOException, InterruptedException {
        Optional<JsonNode> view = DemoScenario.get(api, "/api/v1/tenants/shopexpress/orders/" + orderId);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        JsonNode order = view.get();
        String status = order.path("status").asString();
        if ("SHIPPED".equals(status) && scanned.add(orderId)) {
            // The carrier picks the parcels up and delivers them: two scans each, through the public API.
            Instant now = Instant.now();
            for (JsonNode parcel : order.path("shipments")) {
                String trackingNumber = parcel.path("trackingNumber").asString();
                scan(api, trackingNumber, "IN_TRANSIT", now.minusSeconds(60));
                scan(api, trackingNumber, "DELIVERED", now);
            }
        }
        if (!order.path("final").asBoolean(false)) {
            return Optional.empty();
        }
        boolean rejected = "REJECTED".equals(status);
        return Optional.of(new Outcome(!rejected, rejected ? order.path("reason").asString() : null,
                rejected ? null : DemoScenario.millisBetween(order, "receivedAt", "shippedAt")));
    }

    private static void scan(DemoApi api, String trackingNumber, String kind, Instant at) throws IOException, InterruptedException {
        api.post("/api/v1/tenants/shopexpress/tracking-events", null, """
                {"trackingNumber": "%s", "kind": "%s", "scanId": "%s-%s", "occurredAt": "%s", "location": "Regional hub"}"""
                .formatted(trackingNumber, kind, trackingNumber, kind, at), "application/json");
    }
}
