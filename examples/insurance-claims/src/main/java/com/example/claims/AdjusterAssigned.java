package com.example.claims;

/** A claim in an adjuster's hands; a fast-tracked one is paid without waiting for them. */
public record AdjusterAssigned(String claimId, String adjuster, Severity severity, boolean fastTrack) {
}
