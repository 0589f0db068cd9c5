package dev.conveyor.plugin.ecommerce.shipping;

import static java.util.Objects.requireNonNull;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One entry of a parcel's status history: what happened, when and where, when Conveyor learned of it, and whether it
 * set the parcel's status (a late scan is kept, but does not).
 */
@Entity
@Table(name = "ecommerce_shipment_event")
public class ShipmentEvent extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "shipment_id", nullable = false, updatable = false)
    private Shipment shipment;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, updatable = false)
    private ShipmentStatus status;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "location", updatable = false)
    private String location;

    @Column(name = "detail", updatable = false)
    private String detail;

    @Column(name = "scan_id", updatable = false)
    private String scanId;

    @Column(name = "applied", nullable = false, updatable = false)
    private boolean applied;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected ShipmentEvent() {
        // for JPA
    }

    private ShipmentEvent(Shipment shipment, ShipmentStatus status, Instant occurredAt, String location, String detail, String scanId,
            boolean applied, Instant recordedAt) {
        this.shipment = requireNonNull(shipment, "shipment is null");
        this.status = requireNonNull(status, "status is null");
        this.occurredAt = requireNonNull(occurredAt, "occurredAt is null");
        this.location = location;
        this.detail = detail;
        this.scanId = scanId;
        this.applied = applied;
        this.recordedAt = requireNonNull(recordedAt, "recordedAt is null");
    }

    /** The first entry of every parcel: its label was made at its warehouse. */
    public static ShipmentEvent labelCreated(Shipment shipment, Instant now) {
        return new ShipmentEvent(shipment, ShipmentStatus.LABEL_CREATED, now, shipment.warehouse(), "Shipping label created", null,
                true, now);
    }

    /** A carrier's scan, applied to the status or not. */
    public static ShipmentEvent scan(Shipment shipment, ShipmentStatus status, Instant occurredAt, String location, String detail,
            String scanId, boolean applied, Instant recordedAt) {
        return new ShipmentEvent(shipment, status, occurredAt, location, detail, requireNonNull(scanId, "scanId is null"), applied,
                recordedAt);
    }

    public Shipment shipment() {
        return shipment;
    }

    public ShipmentStatus status() {
        return status;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String location() {
        return location;
    }

    public String detail() {
        return detail;
    }

    public String scanId() {
        return scanId;
    }

    public boolean applied() {
        return applied;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
