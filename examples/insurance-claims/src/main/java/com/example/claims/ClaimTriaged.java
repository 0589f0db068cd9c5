package com.example.claims;

/** A claim that triage accepted, with how serious it is. */
public record ClaimTriaged(String claimId, Severity severity) {
}
