package com.example.claims;

import dev.conveyor.sdk.Handler;
import dev.conveyor.sdk.HandlerContext;
import dev.conveyor.sdk.PermanentFailure;
import java.util.List;

/**
 * Hands the claim to an adjuster who handles its severity, spreading claims among them by claim id; LOW claims are
 * fast-tracked to the first such adjuster and paid at once.
 */
final class Assignment implements Handler<ClaimTriaged> {

    private final List<ClaimsSettings.Adjuster> adjusters;

    Assignment(ClaimsSettings settings) {
        this.adjusters = List.copyOf(settings.adjusters());
    }

    @Override
    public void handle(ClaimTriaged triaged, HandlerContext context) {
        List<ClaimsSettings.Adjuster> able = adjusters.stream()
                .filter(adjuster -> adjuster.upTo().compareTo(triaged.severity()) >= 0).toList();
        if (able.isEmpty()) {
            throw new PermanentFailure("no adjuster handles " + triaged.severity() + " claims; add one to the settings and "
                    + "replay claim " + triaged.claimId());
        }
        String adjuster = able.get(Math.floorMod(triaged.claimId().hashCode(), able.size())).name();
        Claim claim = context.repository(Claims.class).findForUpdateByClaimId(triaged.claimId()).orElseThrow();
        claim.assign(adjuster, context.clock().instant());
        context.send(ClaimsPlugin.ASSIGNED, new AdjusterAssigned(triaged.claimId(), adjuster, triaged.severity(),
                triaged.severity() == Severity.LOW));
    }
}
