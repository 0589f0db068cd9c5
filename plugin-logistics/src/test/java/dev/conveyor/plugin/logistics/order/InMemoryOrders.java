package dev.conveyor.plugin.logistics.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Orders} in a list, for handler tests. */
public final class InMemoryOrders implements Orders {

    private final List<Order> orders = new ArrayList<>();

    @Override
    public Optional<Order> findByOrderId(String orderId) {
        return orders.stream().filter(order -> order.orderId().equals(orderId)).findFirst();
    }

    @Override
    public Optional<Order> findLockedByOrderId(String orderId) {
        return findByOrderId(orderId);
    }

    @Override
    public Order save(Order order) {
        if (!orders.contains(order)) {
            orders.add(order);
        }
        return order;
    }

    public List<Order> all() {
        return List.copyOf(orders);
    }
}
