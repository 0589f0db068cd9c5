package dev.conveyor.plugin.logistics.tracking;

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
 * One entry of a shipment's status history: what happened, when and where, and when Acme learned of it. A carrier's
 * scan carries its {@code scanId}, unique per shipment, and may carry a {@code detail} such as who signed for it.
 */
@Entity
@Table(name = "logistics_shipment_event")
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

    @Column(name = "note", updatable = false)
    private String note;

    @Column(name = "scan_id", updatable = false)
    private String scanId;

    @Column(name = "detail", updatable = false)
    private String detail;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    protected ShipmentEvent() {
        // for JPA
    }

    ShipmentEvent(Shipment shipment, ShipmentStatus status, Instant occurredAt, String location, String note,
            String scanId, String detail, Instant recordedAt) {
        this.shipment = requireNonNull(shipment, "shipment is null");
        this.status = requireNonNull(status, "status is null");
        this.occurredAt = requireNonNull(occurredAt, "occurredAt is null");
        this.location = location;
        this.note = note;
        this.scanId = scanId;
        this.detail = detail;
        this.recordedAt = requireNonNull(recordedAt, "recordedAt is null");
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

    public String note() {
        return note;
    }

    public String scanId() {
        return scanId;
    }

    public String detail() {
        return detail;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
