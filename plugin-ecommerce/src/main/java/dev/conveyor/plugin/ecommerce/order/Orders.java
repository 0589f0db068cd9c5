package dev.conveyor.plugin.ecommerce.order;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

/** The tenant's orders by their business key (row-level security keeps every other tenant's out of reach). */
public interface Orders extends Repository<Order, Long> {

    Optional<Order> findByOrderId(String orderId);

    /**
     * The order, locked until the transaction ends. Handlers that change an order's shipments lock the order first,
     * always in that order, so that two of them working on the same order take turns instead of both deciding from
     * what the other has not committed yet (two parcels delivered at once must still deliver the order).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Order> findForUpdateByOrderId(String orderId);

    Order save(Order order);
}
