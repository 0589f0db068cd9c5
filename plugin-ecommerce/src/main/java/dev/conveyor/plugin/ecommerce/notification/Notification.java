package dev.conveyor.plugin.ecommerce.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.ecommerce.tracking.UpdateKind;
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

/** What a customer is told about an order or one of its parcels. One per (tenant, order, kind, tracking number). */
@Entity
@Table(name = "ecommerce_notification")
public class Notification extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private String orderId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false)
    private UpdateKind kind;

    @Column(name = "tracking_number", updatable = false)
    private String trackingNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, updatable = false)
    private NotificationChannel channel;

    @Column(name = "recipient", nullable = false, updatable = false)
    private String recipient;

    @Column(name = "message", nullable = false, updatable = false)
    private String message;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected Notification() {
        // for JPA
    }

    /** {@code trackingNumber} is null for the kinds about the order as a whole. */
    public Notification(String orderId, UpdateKind kind, String trackingNumber, NotificationChannel channel, String recipient,
            String message, Instant createdAt) {
        this.orderId = requireNonNull(orderId, "orderId is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.trackingNumber = trackingNumber;
        this.channel = requireNonNull(channel, "channel is null");
        this.recipient = requireNonNull(recipient, "recipient is null");
        this.message = requireNonNull(message, "message is null");
        this.createdAt = requireNonNull(createdAt, "createdAt is null");
    }

    public String orderId() {
        return orderId;
    }

    public UpdateKind kind() {
        return kind;
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

    public String message() {
        return message;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
