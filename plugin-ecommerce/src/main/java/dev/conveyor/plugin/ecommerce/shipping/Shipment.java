package dev.conveyor.plugin.ecommerce.shipping;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.ecommerce.order.ShippingSpeed;
import dev.conveyor.plugin.ecommerce.tracking.TrackingNumber;
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
 * The parcel of one order from one warehouse, travelling under one tracking number. Its history is in
 * {@link ShipmentEvent}s; {@link Shipments#history} reads it.
 */
// Every plugin's entities share one persistence unit: the name is prefixed so another plugin's "Shipment" cannot clash.
@Entity(name = "EcommerceShipment")
@Table(name = "ecommerce_shipment")
public class Shipment {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private String tenantId;

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

    private Shipment(String tenantId, TrackingNumber trackingNumber, String orderId, String warehouse, ShippingSpeed speed,
            String carrier, String trackingUrl, LocalDate estimatedDelivery, Instant now) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        this.trackingNumber = requireNonNull(trackingNumber, "trackingNumber is null").value();
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

    /** A parcel whose label was just made at {@code warehouse}; persist it, then {@link ShipmentEvent#labelCreated its first event}. */
    public static Shipment labelCreated(String tenantId, TrackingNumber trackingNumber, String orderId, String warehouse,
            ShippingSpeed speed, String carrier, String trackingUrl, LocalDate estimatedDelivery, Instant now) {
        return new Shipment(tenantId, trackingNumber, orderId, warehouse, speed, carrier, trackingUrl, estimatedDelivery, now);
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

    public String tenantId() {
        return tenantId;
    }

    public TrackingNumber trackingNumber() {
        return new TrackingNumber(trackingNumber);
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
