package dev.conveyor.deploy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import tools.jackson.databind.JsonNode;

/**
 * Realistic Acme Logistics orders: customers across the countries Acme serves, a few parcels each, mostly
 * standard shipping. About one in twenty goes somewhere Acme does not deliver or asks for overnight abroad, so
 * the demo shows orders rejected with their reason too.
 */
final class LogisticsScenario implements DemoScenario {

    private static final String[][] PLACES = {
            {"US", "Boston", "02118"}, {"US", "Chicago", "60601"}, {"US", "Denver", "80202"}, {"US", "Seattle", "98101"},
            {"US", "Austin", "73301"}, {"US", "New York", "10001"}, {"CA", "Toronto", "M5V 2T6"}, {"MX", "Monterrey", "64000"},
            {"GB", "Birmingham", "B1 1AA"}, {"DE", "Berlin", "10115"}, {"NL", "Rotterdam", "3011"}, {"FR", "Lyon", "69001"}};
    private static final String[][] UNSERVED = {{"BR", "Sao Paulo", "01000-000"}, {"AU", "Sydney", "2000"},
            {"JP", "Osaka", "530-0001"}};
    private static final String[][] PRODUCTS = {{"SKU-KB-104", "Mechanical keyboard", "1.2"},
            {"SKU-MN-27", "27-inch monitor", "6.5"}, {"SKU-CH-ERG", "Ergonomic chair", "18.0"},
            {"SKU-LP-14", "14-inch laptop", "1.6"}, {"SKU-HD-2T", "2 TB external drive", "0.3"},
            {"SKU-DK-SIT", "Standing desk frame", "32.0"}, {"SKU-CB-USB", "USB-C cable pack", "0.2"}};

    private final RandomGenerator random;
    private final String runId;

    LogisticsScenario(RandomGenerator random, String runId) {
        this.random = random;
        this.runId = runId;
    }

    @Override
    public String tenant() {
        return "acme";
    }

    @Override
    public String plugin() {
        return "logistics";
    }

    @Override
    public String displayName() {
        return "Acme Logistics";
    }

    @Override
    public Map<String, String> config() {
        return Map.of();
    }

    @Override
    public String latencyLabel() {
        return "order accepted -> customer notified";
    }

    @Override
    public Request request(int n) {
        Map<String, Object> order = order(n);
        return new Request("orders", (String) order.get("orderId"), JSON.writeValueAsString(order));
    }

    @Override
    public Optional<Outcome> outcome(DemoApi api, String orderId) throws IOException, InterruptedException {
        Optional<JsonNode> view = DemoScenario.get(api, "/api/v1/tenants/acme/orders/" + orderId);
        if (view.isEmpty() || !view.get().path("final").asBoolean(false)) {
            return Optional.empty();
        }
        JsonNode order = view.get();
        boolean rejected = "REJECTED".equals(order.path("status").asString());
        return Optional.of(new Outcome(!rejected, rejected ? order.path("rejectionReason").asString() : null,
                rejected ? null : DemoScenario.millisBetween(order, "receivedAt", "notifiedAt")));
    }

    /** The n-th order of this run as the JSON object the orders API takes. */
    private Map<String, Object> order(int n) {
        String name = DemoPeople.name(random);
        boolean unserved = random.nextInt(30) == 0;
        String[] place = unserved ? pick(UNSERVED) : pick(PLACES);
        String serviceLevel = random.nextInt(10) < 7 ? "STANDARD" : random.nextInt(3) < 2 ? "EXPRESS" : "OVERNIGHT";
        if ("OVERNIGHT".equals(serviceLevel) && !"US".equals(place[0]) && random.nextInt(2) == 0) {
            serviceLevel = "EXPRESS";
        }
        List<Map<String, Object>> items = new ArrayList<>();
        int lines = 1 + random.nextInt(3);
        for (int i = 0; i < lines; i++) {
            String[] product = pick(PRODUCTS);
            items.add(Map.of("sku", product[0], "description", product[1], "quantity", 1 + random.nextInt(2),
                    "weightKg", product[2]));
        }
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line1", (10 + random.nextInt(980)) + " " + pick(new String[] {"Main St", "Harbour Rd", "Elm Ave",
                "Station Sq", "Market St"}));
        address.put("city", place[1]);
        address.put("postalCode", place[2]);
        address.put("country", place[0]);
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("orderId", "ACME-" + runId + "-" + String.format("%05d", n));
        order.put("customer", Map.of("name", name, "email", DemoPeople.email(name), "phone", DemoPeople.phone(random)));
        order.put("items", items);
        order.put("shipping", Map.of("address", address, "serviceLevel", serviceLevel,
                "signatureRequired", random.nextInt(4) == 0));
        return order;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
