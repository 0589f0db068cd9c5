package com.example.claims;

import dev.conveyor.sdk.DomainPlugin;
import dev.conveyor.sdk.Handlers;
import dev.conveyor.sdk.IngestRoute;
import dev.conveyor.sdk.Persistence;
import dev.conveyor.sdk.Queue;
import dev.conveyor.sdk.Stage;
import dev.conveyor.sdk.Topology;
import dev.conveyor.sdk.View;
import java.util.List;

/** Insurance claims: claim -> triage -> adjuster assignment -> {payment, claimant notification}. */
public final class ClaimsPlugin implements DomainPlugin<ClaimsSettings> {

    public static final Queue<ClaimSubmitted> CLAIMS = Queue.of("ClaimQueue", "claims.submitted.v1", ClaimSubmitted.class);
    public static final Queue<ClaimTriaged> TRIAGED = Queue.of("TriageQueue", "claims.triaged.v1", ClaimTriaged.class);
    public static final Queue<AdjusterAssigned> ASSIGNED = Queue.of("AssignmentQueue", "claims.assigned.v1", AdjusterAssigned.class);

    public static final Stage<ClaimSubmitted> TRIAGE = Stage.of("triage", CLAIMS, TRIAGED);
    public static final Stage<ClaimTriaged> ASSIGNMENT = Stage.of("assignment", TRIAGED, ASSIGNED);
    public static final Stage<AdjusterAssigned> PAYMENT = Stage.of("payment", ASSIGNED);
    public static final Stage<AdjusterAssigned> NOTIFY = Stage.of("notify", ASSIGNED);

    @Override
    public String id() {
        return "claims";
    }

    @Override
    public Topology topology() {
        return Topology.of(TRIAGE, ASSIGNMENT, PAYMENT, NOTIFY);
    }

    @Override
    public Handlers handlers(ClaimsSettings settings) {
        return Handlers.builder().on(TRIAGE, new Triage(settings)).on(ASSIGNMENT, new Assignment(settings))
                .on(PAYMENT, new Payment()).on(NOTIFY, new ClaimantNotice()).build();
    }

    @Override
    public Persistence persistence() {
        return Persistence.of("classpath:db/claims", Claim.class);
    }

    @Override
    public List<IngestRoute<?>> ingestRoutes() {
        return List.of(IngestRoute.of("claims", CLAIMS));
    }

    @Override
    public List<View<?>> views() {
        return List.of(View.of("claims", "claimId", ClaimView.class, ClaimView::find));
    }
}
