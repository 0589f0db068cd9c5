package com.example.claims;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.conveyor.sdk.RequestContext;
import java.math.BigDecimal;
import java.util.Optional;

/** The {@code claims} view: where a claim stands. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClaimView(String claimId, Claim.Status status, Severity severity, String rejectionReason, String adjuster,
        BigDecimal claimedAmount, BigDecimal paidAmount, String claimantTold) {

    static Optional<ClaimView> find(String claimId, RequestContext context) {
        return context.repository(Claims.class).findByClaimId(claimId).map(claim -> new ClaimView(claim.claimId(),
                claim.status(), claim.severity(), claim.rejectionReason(), claim.adjuster(), claim.claimedAmount(),
                claim.paidAmount(), claim.claimantTold()));
    }
}
