package dev.conveyor.plugin.logistics.order;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

/** The tenant's orders, by their business key. */
public interface Orders extends Repository<Order, Long> {

    Optional<Order> findByOrderId(String orderId);

    /**
     * The order, locked until the transaction ends. Its row is written whole, so two stages that change it at once
     * (a notification and a delivery) would otherwise undo each other's change.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Order> findLockedByOrderId(String orderId);

    Order save(Order order);
}
