package com.example.claims;

import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;

/** Pays a fast-tracked claim in full; any other waits in review for its adjuster's decision. */
final class Payment implements Handler<AdjusterAssigned> {

    @Override
    public void handle(AdjusterAssigned assigned, HandlerContext context) {
        Claim claim = context.repository(Claims.class).findForUpdateByClaimId(assigned.claimId()).orElseThrow();
        if (assigned.fastTrack()) {
            // The message id is stable across redeliveries, so a bank that saw this reference once pays once.
            claim.pay("PAY-" + context.messageId(), context.clock().instant());
        } else {
            claim.review(context.clock().instant());
        }
    }
}
