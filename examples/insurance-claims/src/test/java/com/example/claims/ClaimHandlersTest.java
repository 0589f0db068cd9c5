package com.example.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.PermanentFailure;
import dev.conveyor.testkit.unit.TestHandlerContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ClaimHandlersTest {

    private static final ClaimsSettings SETTINGS = new ClaimsSettings(new BigDecimal("1000"), List.of(
            new ClaimsSettings.Adjuster("Kim", Severity.MEDIUM), new ClaimsSettings.Adjuster("Ravi", Severity.HIGH)));

    private final InMemoryClaims claims = new InMemoryClaims();

    @Test
    void aSmallClaimIsTriagedLowAndFastTrackedToPayment() throws Exception {
        TestHandlerContext triage = context(ClaimsPlugin.TRIAGE);
        new Triage(SETTINGS).handle(claim("C-1", ClaimSubmitted.ClaimKind.PROPERTY, "250.00"), triage);

        assertThat(triage.sent(ClaimsPlugin.TRIAGED)).containsExactly(new ClaimTriaged("C-1", Severity.LOW));

        TestHandlerContext assignment = context(ClaimsPlugin.ASSIGNMENT);
        new Assignment(SETTINGS).handle(new ClaimTriaged("C-1", Severity.LOW), assignment);
        AdjusterAssigned assigned = assignment.sent(ClaimsPlugin.ASSIGNED).getFirst();
        assertThat(assigned.fastTrack()).isTrue();

        new Payment().handle(assigned, context(ClaimsPlugin.PAYMENT).delivery("msg-7", 1));
        new ClaimantNotice().handle(assigned, context(ClaimsPlugin.NOTIFY));
        Claim claim = claims.findByClaimId("C-1").orElseThrow();
        assertThat(claim.status()).isEqualTo(Claim.Status.PAID);
        assertThat(claim.paymentRef()).isEqualTo("PAY-msg-7");
        assertThat(claim.claimantTold()).contains("approved and paid in full");
    }

    @Test
    void anInjuryIsHighAndGoesToAnAdjusterWhoHandlesHighClaims() throws Exception {
        TestHandlerContext triage = context(ClaimsPlugin.TRIAGE);
        new Triage(SETTINGS).handle(claim("C-2", ClaimSubmitted.ClaimKind.INJURY, "300.00"), triage);
        assertThat(triage.sent(ClaimsPlugin.TRIAGED)).containsExactly(new ClaimTriaged("C-2", Severity.HIGH));

        TestHandlerContext assignment = context(ClaimsPlugin.ASSIGNMENT);
        new Assignment(SETTINGS).handle(new ClaimTriaged("C-2", Severity.HIGH), assignment);

        assertThat(assignment.sent(ClaimsPlugin.ASSIGNED)).singleElement()
                .satisfies(assigned -> assertThat(assigned.adjuster()).isEqualTo("Ravi"));
        new Payment().handle(assignment.sent(ClaimsPlugin.ASSIGNED).getFirst(), context(ClaimsPlugin.PAYMENT));
        assertThat(claims.findByClaimId("C-2").orElseThrow().status()).isEqualTo(Claim.Status.IN_REVIEW);
    }

    @Test
    void anIncidentInTheFutureIsRejectedAndGoesNoFurther() throws Exception {
        TestHandlerContext triage = context(ClaimsPlugin.TRIAGE);
        ClaimSubmitted future = new ClaimSubmitted("C-3", "POL-1", new ClaimSubmitted.Claimant("Ada", "ada@example.com"),
                ClaimSubmitted.ClaimKind.TRAVEL, new BigDecimal("80.00"), LocalDate.of(2031, 1, 1));
        new Triage(SETTINGS).handle(future, triage);

        assertThat(triage.sent()).isEmpty();
        assertThat(claims.findByClaimId("C-3").orElseThrow().rejectionReason()).contains("in the future");
    }

    @Test
    void aClaimSentTwiceIsRecordedOnce() throws Exception {
        TestHandlerContext first = context(ClaimsPlugin.TRIAGE);
        TestHandlerContext second = context(ClaimsPlugin.TRIAGE);
        new Triage(SETTINGS).handle(claim("C-4", ClaimSubmitted.ClaimKind.VEHICLE, "5000.00"), first);
        new Triage(SETTINGS).handle(claim("C-4", ClaimSubmitted.ClaimKind.VEHICLE, "5000.00"), second);

        assertThat(first.sent(ClaimsPlugin.TRIAGED)).containsExactly(new ClaimTriaged("C-4", Severity.MEDIUM));
        assertThat(second.sent()).isEmpty();
    }

    @Test
    void aSeverityNoAdjusterHandlesIsAPermanentFailureThatSaysWhatToDo() {
        ClaimsSettings onlyMedium = new ClaimsSettings(BigDecimal.TEN, List.of(new ClaimsSettings.Adjuster("Kim", Severity.MEDIUM)));
        assertThatThrownBy(() -> new Assignment(onlyMedium).handle(new ClaimTriaged("C-5", Severity.HIGH),
                context(ClaimsPlugin.ASSIGNMENT)))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("no adjuster handles HIGH claims");
    }

    private TestHandlerContext context(dev.conveyor.sdk.Stage<?> stage) {
        return TestHandlerContext.forStage(stage).withRepository(Claims.class, claims);
    }

    private static ClaimSubmitted claim(String id, ClaimSubmitted.ClaimKind kind, String amount) {
        return new ClaimSubmitted(id, "POL-" + id, new ClaimSubmitted.Claimant("Ada Lovelace", "ada@example.com"), kind,
                new BigDecimal(amount), LocalDate.of(2029, 12, 24));
    }
}
