package dev.conveyor.plugin.ecommerce.fakes;

import dev.conveyor.plugin.ecommerce.order.Order;
import dev.conveyor.plugin.ecommerce.order.Orders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Orders} over a list; locks are no-ops, as one test runs one handler at a time. */
public final class InMemoryOrders implements Orders {

    private final List<Order> orders = new ArrayList<>();

    @Override
    public Optional<Order> findByOrderId(String orderId) {
        return orders.stream().filter(order -> order.orderId().equals(orderId)).findFirst();
    }

    @Override
    public Optional<Order> findForUpdateByOrderId(String orderId) {
        return findByOrderId(orderId);
    }

    @Override
    public Order save(Order order) {
        if (findByOrderId(order.orderId()).filter(saved -> saved != order).isPresent()) {
            throw new IllegalStateException("unique (tenant_id, order_id): order " + order.orderId() + " exists");
        }
        if (!orders.contains(order)) {
            orders.add(order);
        }
        return order;
    }

    public List<Order> all() {
        return List.copyOf(orders);
    }
}
