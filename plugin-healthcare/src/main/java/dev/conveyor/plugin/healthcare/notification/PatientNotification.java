package dev.conveyor.plugin.healthcare.notification;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.settings.NotificationChannel;
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

/** What a patient is told about an appointment version, through which channel and to which address or number. */
@Entity
@Table(name = "healthcare_notification")
public class PatientNotification extends TenantScoped {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "appointment_id", nullable = false, updatable = false)
    private String appointmentId;

    @Column(name = "version", nullable = false, updatable = false)
    private int version;

    @Enumerated(EnumType.STRING)
    @Column(name = "channel", nullable = false, updatable = false)
    private NotificationChannel channel;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false)
    private NotificationKind kind;

    @Column(name = "recipient", nullable = false, updatable = false)
    private String recipient;

    @Column(name = "message", nullable = false, updatable = false)
    private String message;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    protected PatientNotification() {
        // for JPA
    }

    public PatientNotification(String appointmentId, int version, NotificationChannel channel, NotificationKind kind,
            String recipient, String message, Instant createdAt) {
        this.appointmentId = requireNonNull(appointmentId, "appointmentId is null");
        this.version = version;
        this.channel = requireNonNull(channel, "channel is null");
        this.kind = requireNonNull(kind, "kind is null");
        this.recipient = requireNonNull(recipient, "recipient is null");
        this.message = requireNonNull(message, "message is null");
        this.createdAt = requireNonNull(createdAt, "createdAt is null");
    }

    public String appointmentId() {
        return appointmentId;
    }

    public int version() {
        return version;
    }

    public NotificationChannel channel() {
        return channel;
    }

    public NotificationKind kind() {
        return kind;
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

    /** Only ids: the recipient and the message are personal data. */
    @Override
    public String toString() {
        return "PatientNotification[appointmentId=" + appointmentId + ", version=" + version + ", channel=" + channel + ", kind="
                + kind + "]";
    }
}
