package com.example.claims;

import static dev.conveyor.testkit.runtime.Probe.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.sdk.ValidationException;
import dev.conveyor.sdk.Violation;
import dev.conveyor.testkit.runtime.PluginRuntime;
import dev.conveyor.testkit.runtime.TestTenant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Claims end to end on the platform (real Postgres and Azurite): submitted, triaged, assigned, paid or reviewed. */
final class ClaimsPipelineIT {

    private static final PluginRuntime runtime = PluginRuntime.shared(new ClaimsPlugin());
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private final TestTenant insurer = runtime.tenant("""
            {"fastTrackLimit": 1000, "adjusters": [{"name": "Kim", "upTo": "MEDIUM"}, {"name": "Ravi", "upTo": "HIGH"}]}""");

    @Test
    void aSmallClaimIsPaidAtOnceAndTheClaimantTold() {
        JsonNode claim = insurer.ingest("claims", claim("C-1", ClaimSubmitted.ClaimKind.PROPERTY, "250.00", TODAY.minusDays(2)))
                .andWaitFor(view("claims", "C-1"), view -> status(view).equals("PAID") && view.has("claimantTold"));

        assertThat(claim.path("severity").asString()).isEqualTo("LOW");
        assertThat(claim.path("paidAmount").decimalValue()).isEqualByComparingTo("250.00");
        assertThat(claim.path("claimantTold").asString()).contains("approved and paid in full");
        assertThat(insurer.deadLetters()).isEmpty();
    }

    @Test
    void anInjuryGoesToAnAdjusterWhoHandlesHighClaimsForReview() {
        JsonNode claim = insurer.ingest("claims", claim("C-2", ClaimSubmitted.ClaimKind.INJURY, "300.00", TODAY.minusDays(1)))
                .andWaitFor(view("claims", "C-2"), view -> status(view).equals("IN_REVIEW"));

        assertThat(claim.path("severity").asString()).isEqualTo("HIGH");
        assertThat(claim.path("adjuster").asString()).isEqualTo("Ravi");
        assertThat(claim.has("paidAmount")).isFalse();
    }

    @Test
    void anIncidentInTheFutureIsRejectedWithItsReason() {
        JsonNode claim = insurer.ingest("claims", claim("C-3", ClaimSubmitted.ClaimKind.TRAVEL, "80.00", TODAY.plusDays(30)))
                .andWaitFor(view("claims", "C-3"), view -> status(view).equals("REJECTED"));

        assertThat(claim.path("rejectionReason").asString()).contains("in the future");
        assertThat(claim.has("adjuster")).isFalse();
        assertThat(insurer.deadLetters()).isEmpty();
    }

    @Test
    void aClaimBreakingItsRulesIsRefusedNamingEachField() {
        assertThatThrownBy(() -> insurer.ingest("claims", """
                {"claimId": "C 4", "policyNumber": "POL-1", "claimant": {"name": "Ada", "email": "not-an-address"},
                 "kind": "VEHICLE", "amount": -5, "incidentDate": "2029-12-24"}"""))
                .isInstanceOfSatisfying(ValidationException.class, refused -> assertThat(refused.violations())
                        .extracting(Violation::field).containsExactly("amount", "claimId", "claimant.email"));
        assertThat(insurer.view("claims", "C 4")).isEmpty();
    }

    private static String status(JsonNode claim) {
        return claim.path("status").asString();
    }

    private static ClaimSubmitted claim(String id, ClaimSubmitted.ClaimKind kind, String amount, LocalDate incident) {
        return new ClaimSubmitted(id, "POL-" + id, new ClaimSubmitted.Claimant("Ada Lovelace", "ada@example.com"), kind,
                new BigDecimal(amount), incident);
    }
}
