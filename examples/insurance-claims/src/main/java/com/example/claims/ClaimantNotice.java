package com.example.claims;

import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;

/** Tells the claimant who handles their claim and what happens next. */
final class ClaimantNotice implements Handler<AdjusterAssigned> {

    @Override
    public void handle(AdjusterAssigned assigned, HandlerContext context) {
        Claim claim = context.repository(Claims.class).findForUpdateByClaimId(assigned.claimId()).orElseThrow();
        claim.told(message(claim.claimantName(), assigned), context.clock().instant());
    }

    static String message(String claimant, AdjusterAssigned assigned) {
        return assigned.fastTrack()
                ? "Dear " + claimant + ", your claim " + assigned.claimId() + " is approved and paid in full."
                : "Dear " + claimant + ", your claim " + assigned.claimId() + " is with " + assigned.adjuster()
                        + ", who will contact you within two working days.";
    }
}
