package dev.conveyor.bench;

import dev.conveyor.services.Sql;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The benchmark's orders (valid, same size) and what Postgres says about how they went. */
final class Orders {

    private Orders() {
    }

    static String json(String orderId) {
        return """
                {"orderId": "%s", "customer": {"name": "Grace Hopper", "email": "grace@example.com"},
                 "items": [{"sku": "SKU-KB-104", "description": "Mechanical keyboard", "quantity": 1, "weightKg": 1.2}],
                 "shipping": {"address": {"line1": "1 Harbour Rd", "city": "Boston", "postalCode": "02118", "country": "US"},
                              "serviceLevel": "EXPRESS", "signatureRequired": false}}""".formatted(orderId);
    }

    static long notified(Sql sql, String tenant, String prefix) {
        return sql.count("select count(*) from logistics_order where tenant_id = ? and order_id like ? and notified_at is not null",
                tenant, prefix + "%");
    }

    /** Enqueue-to-notification latencies in milliseconds, sorted. */
    static List<Long> latencies(Sql sql, String tenant, String prefix) {
        List<Long> latencies = new ArrayList<>();
        for (Map<String, Object> row : sql.rows("select received_at, notified_at from logistics_order"
                + " where tenant_id = ? and order_id like ? and notified_at is not null", tenant, prefix + "%")) {
            latencies.add(Duration.between(((Timestamp) row.get("received_at")).toInstant(),
                    ((Timestamp) row.get("notified_at")).toInstant()).toMillis());
        }
        Collections.sort(latencies);
        return latencies;
    }
}
