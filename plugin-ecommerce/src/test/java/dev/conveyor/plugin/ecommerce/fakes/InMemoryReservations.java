package dev.conveyor.plugin.ecommerce.fakes;

import dev.conveyor.plugin.ecommerce.inventory.Reservation;
import dev.conveyor.plugin.ecommerce.inventory.Reservations;
import java.util.ArrayList;
import java.util.List;

/** {@link Reservations} over a list, in the order they were saved. */
public final class InMemoryReservations implements Reservations {

    private final List<Reservation> reservations = new ArrayList<>();

    @Override
    public List<Reservation> findByOrderIdOrderById(String orderId) {
        return reservations.stream().filter(reservation -> reservation.orderId().equals(orderId)).toList();
    }

    @Override
    public Reservation save(Reservation reservation) {
        if (!reservations.contains(reservation)) {
            reservations.add(reservation);
        }
        return reservation;
    }

    public List<Reservation> all() {
        return List.copyOf(reservations);
    }
}
