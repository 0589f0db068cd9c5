package com.example.claims;

import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Records the claim, refuses one that cannot be a claim (an incident in the future), and rates how serious it is:
 * injuries and claims over ten times the fast-track limit are HIGH, claims up to the limit LOW.
 */
final class Triage implements Handler<ClaimSubmitted> {

    private final BigDecimal fastTrackLimit;

    Triage(ClaimsSettings settings) {
        this.fastTrackLimit = settings.fastTrackLimit();
    }

    @Override
    public void handle(ClaimSubmitted submitted, HandlerContext context) {
        Claims claims = context.repository(Claims.class);
        if (claims.findByClaimId(submitted.claimId()).isPresent()) {
            return; // the portal sent it twice under two message ids
        }
        Claim claim = claims.save(Claim.submitted(submitted, context.clock().instant()));
        if (submitted.incidentDate().isAfter(LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC))) {
            claim.reject("the incident date " + submitted.incidentDate() + " is in the future", context.clock().instant());
            return;
        }
        Severity severity = severity(submitted);
        claim.triaged(severity, context.clock().instant());
        context.send(ClaimsPlugin.TRIAGED, new ClaimTriaged(submitted.claimId(), severity));
    }

    Severity severity(ClaimSubmitted claim) {
        if (claim.kind() == ClaimSubmitted.ClaimKind.INJURY
                || claim.amount().compareTo(fastTrackLimit.multiply(BigDecimal.TEN)) > 0) {
            return Severity.HIGH;
        }
        return claim.amount().compareTo(fastTrackLimit) <= 0 ? Severity.LOW : Severity.MEDIUM;
    }
}
