package com.example.claims;

import jakarta.persistence.LockModeType;
import java.util.Optional;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.repository.Repository;

/** The tenant's claims (row-level security keeps other tenants' out of sight). */
public interface Claims extends Repository<Claim, Long> {

    Optional<Claim> findByClaimId(String claimId);

    /** The claim, locked until the transaction ends: payment and notice update the same row at once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<Claim> findForUpdateByClaimId(String claimId);

    Claim save(Claim claim);
}
