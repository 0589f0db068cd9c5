package com.example.claims;

import dev.conveyor.sdk.TenantScoped;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A claim and where it stands. */
@Entity
@Table(name = "insurance_claim")
public class Claim extends TenantScoped {

    public enum Status { SUBMITTED, REJECTED, ASSIGNED, PAID, IN_REVIEW }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "claim_id")
    private String claimId;
    @Column(name = "policy_number")
    private String policyNumber;
    @Column(name = "claimant_name")
    private String claimantName;
    @Column(name = "claimant_email")
    private String claimantEmail;
    @Enumerated(EnumType.STRING)
    private ClaimSubmitted.ClaimKind kind;
    @Column(name = "claimed_amount")
    private BigDecimal claimedAmount;
    @Column(name = "incident_date")
    private LocalDate incidentDate;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Enumerated(EnumType.STRING)
    private Severity severity;
    @Column(name = "rejection_reason")
    private String rejectionReason;
    private String adjuster;
    @Column(name = "paid_amount")
    private BigDecimal paidAmount;
    @Column(name = "payment_ref")
    private String paymentRef;
    @Column(name = "claimant_told")
    private String claimantTold;
    @Column(name = "submitted_at")
    private Instant submittedAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Claim() {
    }

    static Claim submitted(ClaimSubmitted claim, Instant now) {
        Claim row = new Claim();
        row.claimId = claim.claimId();
        row.policyNumber = claim.policyNumber();
        row.claimantName = claim.claimant().name();
        row.claimantEmail = claim.claimant().email();
        row.kind = claim.kind();
        row.claimedAmount = claim.amount();
        row.incidentDate = claim.incidentDate();
        row.status = Status.SUBMITTED;
        row.submittedAt = now;
        row.updatedAt = now;
        return row;
    }

    void reject(String reason, Instant now) {
        status = Status.REJECTED;
        rejectionReason = reason;
        updatedAt = now;
    }

    void triaged(Severity severity, Instant now) {
        this.severity = severity;
        updatedAt = now;
    }

    void assign(String adjuster, Instant now) {
        this.adjuster = adjuster;
        status = Status.ASSIGNED;
        updatedAt = now;
    }

    void pay(String paymentRef, Instant now) {
        this.paidAmount = claimedAmount;
        this.paymentRef = paymentRef;
        status = Status.PAID;
        updatedAt = now;
    }

    void review(Instant now) {
        status = Status.IN_REVIEW;
        updatedAt = now;
    }

    void told(String message, Instant now) {
        claimantTold = message;
        updatedAt = now;
    }

    public String claimId() { return claimId; }
    public String claimantName() { return claimantName; }
    public ClaimSubmitted.ClaimKind kind() { return kind; }
    public BigDecimal claimedAmount() { return claimedAmount; }
    public LocalDate incidentDate() { return incidentDate; }
    public Status status() { return status; }
    public Severity severity() { return severity; }
    public String rejectionReason() { return rejectionReason; }
    public String adjuster() { return adjuster; }
    public BigDecimal paidAmount() { return paidAmount; }
    public String paymentRef() { return paymentRef; }
    public String claimantTold() { return claimantTold; }
}
