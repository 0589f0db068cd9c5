package dev.conveyor.plugin.healthcare.appointment;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.scheduling.Slot;
import dev.conveyor.plugin.healthcare.settings.Clinic;
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
import java.time.ZoneId;

/**
 * An appointment from its request on: booked into a clinic slot or declined, then maybe cancelled or rescheduled.
 * One per (tenant, requestId), which makes a request sent twice under different message ids a no-op.
 * {@code version} starts at 1 and grows with every change; messages about the appointment carry it, so that a
 * stale one (a reminder for a slot since moved) is recognised. The clinic's name, address and time zone are
 * copied at booking, so that what the patient was told stays readable when the clinic's settings change.
 */
@Entity
@Table(name = "healthcare_appointment")
public class Appointment extends TenantScoped {

    /** Longer decline reasons and change rejections are cut: they travel in messages and notifications. */
    public static final int MAX_EXPLANATION_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "appointment_id", nullable = false, updatable = false)
    private String appointmentId;

    @Column(name = "request_id", nullable = false, updatable = false)
    private String requestId;

    @Column(name = "version", nullable = false)
    private int version;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private AppointmentStatus status;

    @Column(name = "patient_id", updatable = false)
    private String patientId;

    @Column(name = "patient_name", updatable = false)
    private String patientName;

    @Column(name = "patient_email", updatable = false)
    private String patientEmail;

    @Column(name = "patient_phone", updatable = false)
    private String patientPhone;

    @Column(name = "patient_date_of_birth", updatable = false)
    private LocalDate patientDateOfBirth;

    @Column(name = "reason", updatable = false)
    private String reason;

    @Column(name = "clinic_id")
    private String clinicId;

    @Column(name = "clinic_name")
    private String clinicName;

    @Column(name = "clinic_address")
    private String clinicAddress;

    @Column(name = "clinic_time_zone")
    private String clinicTimeZone;

    @Column(name = "starts_at")
    private Instant startsAt;

    @Column(name = "ends_at")
    private Instant endsAt;

    @Column(name = "decline_reason", updatable = false)
    private String declineReason;

    @Column(name = "change_rejection")
    private String changeRejection;

    @Column(name = "change_rejected_at")
    private Instant changeRejectedAt;

    @Column(name = "received_at", nullable = false, updatable = false)
    private Instant receivedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Appointment() {
        // for JPA
    }

    private Appointment(String appointmentId, String requestId, AppointmentStatus status, Instant receivedAt, Instant now) {
        this.appointmentId = requireNonNull(appointmentId, "appointmentId is null");
        this.requestId = requireNonNull(requestId, "requestId is null");
        this.status = requireNonNull(status, "status is null");
        this.version = 1;
        this.receivedAt = requireNonNull(receivedAt, "receivedAt is null");
        this.createdAt = requireNonNull(now, "now is null");
        this.updatedAt = now;
    }

    /** A valid request given {@code slot}. */
    public static Appointment booked(String appointmentId, AppointmentRequest request, Slot slot, Instant receivedAt,
            Instant now) {
        requireNonNull(request, "request is null");
        requireNonNull(slot, "slot is null");
        Appointment appointment = new Appointment(appointmentId, request.requestId(), AppointmentStatus.BOOKED, receivedAt, now);
        appointment.copyPatient(request);
        appointment.reason = request.reason();
        appointment.occupy(slot);
        return appointment;
    }

    /**
     * A request turned down: it broke a rule of the management stage, or no slot was free. It keeps the patient's
     * contact, so that the patient can be told why.
     */
    public static Appointment declined(String appointmentId, AppointmentRequest request, String declineReason,
            Instant receivedAt, Instant now) {
        requireNonNull(request, "request is null");
        Appointment appointment = new Appointment(appointmentId, request.requestId(), AppointmentStatus.DECLINED, receivedAt,
                now);
        appointment.declineReason = cut(requireNonNull(declineReason, "declineReason is null"));
        appointment.copyPatient(request);
        appointment.reason = request.reason();
        return appointment;
    }

    /** The patient will not come: the slot is given back by the caller; the appointment keeps the slot it had, as history. */
    public void cancel(Instant now) {
        requireActive("cancelled");
        this.status = AppointmentStatus.CANCELLED;
        this.version++;
        touch(now);
    }

    /** The patient comes at {@code slot} instead; the caller booked it and gives the old one back. */
    public void reschedule(Slot slot, Instant now) {
        requireNonNull(slot, "slot is null");
        requireActive("rescheduled");
        occupy(slot);
        this.status = AppointmentStatus.RESCHEDULED;
        this.version++;
        touch(now);
    }

    /** A change the patient asked for could not be made; the appointment stays as it is, at the same version. */
    public void rejectChange(String rejection, Instant now) {
        this.changeRejection = cut(requireNonNull(rejection, "rejection is null"));
        this.changeRejectedAt = requireNonNull(now, "now is null");
        touch(now);
    }

    private void requireActive(String change) {
        if (!status.isActive()) {
            throw new IllegalStateException("appointment '" + appointmentId + "' is " + status + ", so it cannot be " + change
                    + "; only a BOOKED or RESCHEDULED one can");
        }
    }

    private void occupy(Slot slot) {
        Clinic clinic = slot.clinic();
        this.clinicId = clinic.id();
        this.clinicName = clinic.name();
        this.clinicAddress = clinic.address();
        this.clinicTimeZone = clinic.timeZone().getId();
        this.startsAt = slot.startsAt();
        this.endsAt = slot.endsAt();
    }

    // The platform checked the request's annotations before the handler saw it: the ids and contacts are well formed.
    private void copyPatient(AppointmentRequest request) {
        Patient patient = request.patient();
        this.patientId = patient.patientId();
        this.patientName = patient.name();
        this.patientEmail = patient.email();
        this.patientPhone = patient.phone();
        this.patientDateOfBirth = patient.dateOfBirth();
    }

    private static String cut(String explanation) {
        return explanation.length() <= MAX_EXPLANATION_LENGTH ? explanation
                : explanation.substring(0, MAX_EXPLANATION_LENGTH - 1) + "…";
    }

    private void touch(Instant now) {
        this.updatedAt = requireNonNull(now, "now is null");
    }

    public String appointmentId() {
        return appointmentId;
    }

    public String requestId() {
        return requestId;
    }

    public int version() {
        return version;
    }

    public AppointmentStatus status() {
        return status;
    }

    public String patientId() {
        return patientId;
    }

    public String patientName() {
        return patientName;
    }

    public String patientEmail() {
        return patientEmail;
    }

    public String patientPhone() {
        return patientPhone;
    }

    public LocalDate patientDateOfBirth() {
        return patientDateOfBirth;
    }

    public String reason() {
        return reason;
    }

    public String clinicId() {
        return clinicId;
    }

    public String clinicName() {
        return clinicName;
    }

    public String clinicAddress() {
        return clinicAddress;
    }

    /** The clinic's time zone as it was at booking; null for a declined appointment. */
    public ZoneId clinicTimeZone() {
        return clinicTimeZone == null ? null : ZoneId.of(clinicTimeZone);
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public String declineReason() {
        return declineReason;
    }

    public String changeRejection() {
        return changeRejection;
    }

    public Instant changeRejectedAt() {
        return changeRejectedAt;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Only ids: the appointment holds health information. */
    @Override
    public String toString() {
        return "Appointment[tenantId=" + tenantId() + ", appointmentId=" + appointmentId + ", version=" + version + ", status="
                + status + "]";
    }
}
