package dev.conveyor.plugin.logistics.order;

import java.math.BigDecimal;
import java.util.List;

/** Well-formed orders for tests, to be bent one field at a time. */
public final class OrderRequests {

    private OrderRequests() {
    }

    public static OrderRequest valid() {
        return order(address("US", "10001"), ServiceLevel.EXPRESS, List.of(item("SKU-1", 2, "1.5"), item("SKU-2", 1, "0.25")));
    }

    public static OrderRequest order(Address address, ServiceLevel serviceLevel, List<OrderItem> items) {
        return new OrderRequest("ORD-1", new Customer("Jane Doe", "jane@example.com", "+1 212 555 0100"), items,
                new ShippingInstructions(address, serviceLevel, "Leave with the doorman", true));
    }

    public static Address address(String country, String postalCode) {
        return new Address("350 Fifth Avenue", "Suite 100", "New York", postalCode, country);
    }

    public static OrderItem item(String sku, int quantity, String weightKg) {
        return new OrderItem(sku, "A thing", quantity, new BigDecimal(weightKg));
    }
}
