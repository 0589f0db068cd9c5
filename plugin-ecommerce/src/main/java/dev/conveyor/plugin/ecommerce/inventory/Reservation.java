package dev.conveyor.plugin.ecommerce.inventory;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The units of one order line held in one warehouse. The stock row's {@code reserved} counts them; this row says
 * whose they are, and once shipped, under which tracking number they left.
 */
@Entity
@Table(name = "ecommerce_reservation")
public class Reservation extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private String orderId;

    @Column(name = "warehouse", nullable = false, updatable = false)
    private String warehouse;

    @Column(name = "sku", nullable = false, updatable = false)
    private String sku;

    @Column(name = "quantity", nullable = false, updatable = false)
    private int quantity;

    @Column(name = "reserved_at", nullable = false, updatable = false)
    private Instant reservedAt;

    @Column(name = "tracking_number")
    private String trackingNumber;

    @Column(name = "shipped_at")
    private Instant shippedAt;

    protected Reservation() {
        // for JPA
    }

    public Reservation(String orderId, Allocation allocation, Instant reservedAt) {
        this.orderId = requireNonNull(orderId, "orderId is null");
        requireNonNull(allocation, "allocation is null");
        this.warehouse = allocation.warehouse();
        this.sku = allocation.sku();
        this.quantity = allocation.quantity();
        this.reservedAt = requireNonNull(reservedAt, "reservedAt is null");
    }

    /** The units left the warehouse in the parcel {@code trackingNumber}. */
    public void ship(String trackingNumber, Instant shippedAt) {
        if (this.trackingNumber != null) {
            throw new IllegalStateException("reservation of " + sku + " for order '" + orderId + "' already shipped as "
                    + this.trackingNumber);
        }
        this.trackingNumber = requireNonNull(trackingNumber, "trackingNumber is null");
        this.shippedAt = requireNonNull(shippedAt, "shippedAt is null");
    }

    public String orderId() {
        return orderId;
    }

    public String warehouse() {
        return warehouse;
    }

    public String sku() {
        return sku;
    }

    public int quantity() {
        return quantity;
    }

    public Instant reservedAt() {
        return reservedAt;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public Instant shippedAt() {
        return shippedAt;
    }
}
