package dev.conveyor.plugin.logistics.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.logistics.tracking.ShipmentStatus;
import dev.conveyor.sdk.TenantScoped;
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

/** What a customer is told about a shipment status, and through which channel. One per (tenant, tracking number, status). */
@Entity
@Table(name = "logistics_notification")
public class Notification extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private String orderId;

    @Column(name = "tracking_number", nullable = false, updatable = false)
    private String trackingNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, updatable = false)
    private NotificationChannel channel;

    @Column(name = "recipient", nullable = false, updatable = false)
    private String recipient;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, updatable = false)
    private ShipmentStatus status;

    @Column(name = "estimated_delivery", updatable = false)
    private LocalDate estimatedDelivery;

    @Column(name = "tracking_url", nullable = false, updatable = false)
    private String trackingUrl;

    @Column(name = "message", nullable = false, updatable = false)
    private String message;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Notification() {
        // for JPA
    }

    public Notification(String orderId, String trackingNumber, NotificationChannel channel, String recipient,
            ShipmentStatus status, LocalDate estimatedDelivery, String trackingUrl, String message, Instant createdAt) {
        this.orderId = requireNonNull(orderId, "orderId is null");
        this.trackingNumber = requireNonNull(trackingNumber, "trackingNumber is null");
        this.channel = requireNonNull(channel, "channel is null");
        this.recipient = requireNonNull(recipient, "recipient is null");
        this.status = requireNonNull(status, "status is null");
        this.estimatedDelivery = estimatedDelivery;
        this.trackingUrl = requireNonNull(trackingUrl, "trackingUrl is null");
        this.message = requireNonNull(message, "message is null");
        this.createdAt = requireNonNull(createdAt, "createdAt is null");
    }

    public String orderId() {
        return orderId;
    }

    public String trackingNumber() {
        return trackingNumber;
    }

    public NotificationChannel channel() {
        return channel;
    }

    public String recipient() {
        return recipient;
    }

    public ShipmentStatus status() {
        return status;
    }

    public LocalDate estimatedDelivery() {
        return estimatedDelivery;
    }

    public String trackingUrl() {
        return trackingUrl;
    }

    public String message() {
        return message;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
