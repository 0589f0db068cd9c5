package dev.conveyor.plugin.ecommerce.shipping;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.sdk.TenantScoped;
import dev.conveyor.shipping.S10;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The parcel of one order from one warehouse, travelling under one UPU S10 tracking number of E-Commerce Express's
 * ({@code EC}, an 8-digit serial, its check digit, {@code US}). Its history is in {@link ShipmentEvent}s.
 */
@Entity
@Table(name = "ecommerce_shipment")
public class Shipment extends TenantScoped {

    private static final String TRACKING_PREFIX = "EC";
    private static final String TRACKING_COUNTRY = "US";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tracking_number", nullable = false, updatable = false)
    private String trackingNumber;

    @Column(name = "order_id", nullable = false, updatable = false)
    private String orderId;

    @Column(name = "warehouse", nullable = false, updatable = false)
    private String warehouse;

    @Enumerated(EnumType.STRING)
    @Column(name = "speed", nullable = false, updatable = false)
    private ShippingSpeed speed;

    @Column(name = "carrier", nullable = false, updatable = false)
    private String carrier;

    @Column(name = "tracking_url", nullable = false, updatable = false)
    private String trackingUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ShipmentStatus status;

    @Column(name = "status_at", nullable = false)
    private Instant statusAt;

    @Column(name = "estimated_delivery", nullable = false)
    private LocalDate estimatedDelivery;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Shipment() {
        // for JPA
    }

    private Shipment(String trackingNumber, String orderId, String warehouse, ShippingSpeed speed, String carrier,
            String trackingUrl, LocalDate estimatedDelivery, Instant now) {
        this.trackingNumber = requireNonNull(trackingNumber, "trackingNumber is null");
        this.orderId = requireNonNull(orderId, "orderId is null");
        this.warehouse = requireNonNull(warehouse, "warehouse is null");
        this.speed = requireNonNull(speed, "speed is null");
        this.carrier = requireNonNull(carrier, "carrier is null");
        this.trackingUrl = requireNonNull(trackingUrl, "trackingUrl is null");
        this.estimatedDelivery = requireNonNull(estimatedDelivery, "estimatedDelivery is null");
        this.status = ShipmentStatus.LABEL_CREATED;
        this.statusAt = requireNonNull(now, "now is null");
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** A parcel whose label was just made at {@code warehouse}; save it, then {@link ShipmentEvent#labelCreated its first event}. */
    public static Shipment labelCreated(String trackingNumber, String orderId, String warehouse, ShippingSpeed speed,
            String carrier, String trackingUrl, LocalDate estimatedDelivery, Instant now) {
        return new Shipment(trackingNumber, orderId, warehouse, speed, carrier, trackingUrl, estimatedDelivery, now);
    }

    /**
     * E-Commerce Express's tracking number for {@code serial}, 0 to {@value S10#MAX_SERIAL}.
     *
     * @throws IllegalArgumentException when the serial does not fit 8 digits
     */
    public static String trackingNumber(long serial) {
        return S10.format(TRACKING_PREFIX, serial, TRACKING_COUNTRY, "ecommerce_tracking_serial");
    }

    /**
     * Applies a carrier's scan by {@link ShipmentStatusRules}: an applied scan sets the status, and its revised
     * delivery date if it brings one; any other leaves the parcel as it was.
     */
    public ScanOutcome applyScan(ShipmentStatus scanned, Instant occurredAt, LocalDate revisedEstimatedDelivery, Instant now) {
        requireNonNull(now, "now is null");
        ScanOutcome outcome = ShipmentStatusRules.judge(status, statusAt, scanned, occurredAt);
        if (outcome == ScanOutcome.APPLIED) {
            this.status = scanned;
            this.statusAt = occurredAt;
            if (revisedEstimatedDelivery != null) {
                this.estimatedDelivery = revisedEstimatedDelivery;
            }
            if (scanned == ShipmentStatus.DELIVERED) {
                this.deliveredAt = occurredAt;
            }
            this.updatedAt = now;
        }
        return outcome;
    }

    public Long id() {
        return id;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public String orderId() {
        return orderId;
    }

    public String warehouse() {
        return warehouse;
    }

    public ShippingSpeed speed() {
        return speed;
    }

    public String carrier() {
        return carrier;
    }

    public String trackingUrl() {
        return trackingUrl;
    }

    public ShipmentStatus status() {
        return status;
    }

    public Instant statusAt() {
        return statusAt;
    }

    public LocalDate estimatedDelivery() {
        return estimatedDelivery;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
