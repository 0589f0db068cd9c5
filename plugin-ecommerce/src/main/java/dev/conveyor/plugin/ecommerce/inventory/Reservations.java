package dev.conveyor.plugin.ecommerce.inventory;

import java.util.List;
import org.springframework.data.repository.Repository;

/** The reservations orders hold, within the tenant. */
public interface Reservations extends Repository<Reservation, Long> {

    /** The order's reservations, in the order they were made. */
    List<Reservation> findByOrderIdOrderById(String orderId);

    Reservation save(Reservation reservation);
}
