package dev.conveyor.plugin.logistics.tracking;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.order.ServiceLevel;
import dev.conveyor.sdk.TenantScoped;
import dev.conveyor.shipping.TrackingNumber;
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
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The parcel(s) of one order travelling under one tracking number, with the history of its statuses. */
@Entity
@Table(name = "logistics_shipment")
public class Shipment extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

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

    @Column(name = "last_scan_at")
    private Instant lastScanAt;

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

    private Shipment(TrackingNumber trackingNumber, String orderId, String hub, ServiceLevel serviceLevel,
            LocalDate estimatedDelivery, Instant now) {
        this.trackingNumber = requireNonNull(trackingNumber, "trackingNumber is null").value();
        this.orderId = requireNonNull(orderId, "orderId is null");
        this.hub = requireNonNull(hub, "hub is null");
        this.serviceLevel = requireNonNull(serviceLevel, "serviceLevel is null");
        this.estimatedDelivery = estimatedDelivery;
        this.createdAt = requireNonNull(now, "now is null");
        this.updatedAt = now;
    }

    /** A shipment whose label was just printed at {@code hub}: its history starts with LABEL_CREATED there. */
    public static Shipment labelCreated(TrackingNumber trackingNumber, String orderId, String hub,
            ServiceLevel serviceLevel, LocalDate estimatedDelivery, Instant now) {
        Shipment shipment = new Shipment(trackingNumber, orderId, hub, serviceLevel, estimatedDelivery, now);
        shipment.status = ShipmentStatus.LABEL_CREATED;
        shipment.history.add(new ShipmentEvent(shipment, ShipmentStatus.LABEL_CREATED, now, hub, "Shipping label created",
                null, null, now));
        return shipment;
    }

    /**
     * Records a carrier's scan as {@link ScanRules} decide: a duplicate changes nothing; any other scan joins the
     * history, and only the newest sets the current status, the time of the last scan and, if it carries one, the
     * estimated delivery.
     */
    public ScanDecision recordScan(CarrierScan scan, Instant recordedAt) {
        requireNonNull(scan, "scan is null");
        requireNonNull(recordedAt, "recordedAt is null");
        if (!scan.trackingNumber().value().equals(trackingNumber)) {
            throw new IllegalArgumentException("scan '" + scan.scanId() + "' of " + scan.trackingNumber()
                    + " cannot be recorded on shipment " + trackingNumber);
        }
        Set<String> recordedScanIds = history.stream().map(ShipmentEvent::scanId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        ScanDecision decision = ScanRules.decide(status, lastScanAt, recordedScanIds, scan);
        if (decision == ScanDecision.DUPLICATE) {
            return decision;
        }
        history.add(new ShipmentEvent(this, scan.status(), scan.occurredAt(), scan.location(), null, scan.scanId(),
                scan.detail(), recordedAt));
        if (decision == ScanDecision.APPLY) {
            this.status = scan.status();
            this.lastScanAt = scan.occurredAt();
            if (scan.estimatedDelivery() != null) {
                this.estimatedDelivery = scan.estimatedDelivery();
            }
        }
        this.updatedAt = recordedAt;
        return decision;
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

    /** When the scan that set the current status occurred; {@code null} until a carrier has scanned the parcel. */
    public Instant lastScanAt() {
        return lastScanAt;
    }

    /** The status history in the order things happened (a late scan sits where it occurred, not at the end). */
    public List<ShipmentEvent> history() {
        return history.stream().sorted(Comparator.comparing(ShipmentEvent::occurredAt)).toList();
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
