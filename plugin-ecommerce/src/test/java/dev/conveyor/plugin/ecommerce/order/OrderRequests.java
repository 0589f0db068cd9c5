package dev.conveyor.plugin.ecommerce.order;

import java.util.List;

/** Well-formed orders for tests, to be bent one field at a time. */
public final class OrderRequests {

    private OrderRequests() {
    }

    public static OrderRequest valid() {
        return order(List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 1)));
    }

    public static OrderRequest order(List<OrderLine> lines) {
        return new OrderRequest("ORD-1", customer(), lines, address(), ShippingSpeed.EXPRESS);
    }

    public static Customer customer() {
        return new Customer("Jane Doe", "jane@example.com", "+1 212 555 0100");
    }

    public static Address address() {
        return new Address("350 Fifth Avenue", "Suite 100", "New York", "10118", "US");
    }
}
