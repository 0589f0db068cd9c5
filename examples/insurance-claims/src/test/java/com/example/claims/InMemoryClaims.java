package com.example.claims;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The tenant's claims in a map, for handler tests without a database. */
final class InMemoryClaims implements Claims {

    private final Map<String, Claim> byClaimId = new LinkedHashMap<>();

    @Override
    public Optional<Claim> findByClaimId(String claimId) {
        return Optional.ofNullable(byClaimId.get(claimId));
    }

    @Override
    public Optional<Claim> findForUpdateByClaimId(String claimId) {
        return findByClaimId(claimId);
    }

    @Override
    public Claim save(Claim claim) {
        byClaimId.put(claim.claimId(), claim);
        return claim;
    }
}
