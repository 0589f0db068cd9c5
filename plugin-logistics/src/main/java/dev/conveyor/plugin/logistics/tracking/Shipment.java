package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The parcel(s) of one order travelling under one tracking number, with the history of its statuses. */
// Every plugin's entities share one persistence unit: the name is prefixed so another plugin's "Shipment" cannot clash.
@Entity(name = "LogisticsShipment")
@Table(name = "logistics_shipment")
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

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private ShipmentStatus status;

    @Column(name = "hub", nullable = false)
    private String hub;

    @Enumerated(EnumType.STRING)
    @Column(name = "service_level", nullable = false)
    private ServiceLevel serviceLevel;

    @Column(name = "estimated_delivery")
    private LocalDate estimatedDelivery;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @OneToMany(mappedBy = "shipment", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("occurredAt ASC, id ASC")
    private List<ShipmentEvent> history = new ArrayList<>();

    protected Shipment() {
        // for JPA
    }

    private Shipment(String tenantId, TrackingNumber trackingNumber, String orderId, String hub, ServiceLevel serviceLevel,
            LocalDate estimatedDelivery, Instant now) {
        this.tenantId = requireNonNull(tenantId, "tenantId is null");
        this.trackingNumber = requireNonNull(trackingNumber, "trackingNumber is null").value();
        this.orderId = requireNonNull(orderId, "orderId is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.serviceLevel = requireNonNull(serviceLevel, "serviceLevel is null");
        this.estimatedDelivery = estimatedDelivery;
        this.createdAt = requireNonNull(now, "now is null");
        this.updatedAt = now;
    }

    /** A shipment whose label was just printed at {@code hub}: its history starts with LABEL_CREATED there. */
    public static Shipment labelCreated(String tenantId, TrackingNumber trackingNumber, String orderId, String hub,
            ServiceLevel serviceLevel, LocalDate estimatedDelivery, Instant now) {
        Shipment shipment = new Shipment(tenantId, trackingNumber, orderId, hub, serviceLevel, estimatedDelivery, now);
        shipment.record(ShipmentStatus.LABEL_CREATED, now, hub, "Shipping label created", now);
        return shipment;
    }

    /**
     * Adds a status to the history. The current status follows the latest {@code occurredAt}, not the latest
     * call, because carrier scans can arrive out of order.
     */
    public void record(ShipmentStatus newStatus, Instant occurredAt, String location, String note, Instant recordedAt) {
        requireNonNull(newStatus, "newStatus is null");
        requireNonNull(occurredAt, "occurredAt is null");
        requireNonNull(recordedAt, "recordedAt is null");
        boolean latest = history.stream().allMatch(event -> !event.occurredAt().isAfter(occurredAt));
        history.add(new ShipmentEvent(tenantId, this, newStatus, occurredAt, location, note, recordedAt));
        if (latest) {
            this.status = newStatus;
        }
        this.updatedAt = recordedAt;
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

    public ShipmentStatus status() {
        return status;
    }

    public String hub() {
        return hub;
    }

    public ServiceLevel serviceLevel() {
        return serviceLevel;
    }

    public LocalDate estimatedDelivery() {
        return estimatedDelivery;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
