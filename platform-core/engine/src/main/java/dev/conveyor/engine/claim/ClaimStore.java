package dev.conveyor.engine.claim;

import java.time.Instant;
import java.util.List;

/** Where large payloads wait while their message travels (Azure Blob Storage; Azurite serves blobs too). */
public interface ClaimStore {

    /** Stores the payload at {@code reference}. */
    void put(ClaimReference reference, String payload);

    /** The payload at {@code reference}; throws {@link ClaimMissingException} when it is gone. */
    String get(ClaimReference reference);

    /** Deletes the payload; a missing one is fine. */
    void delete(ClaimReference reference);

    /**
     * Names of up to {@code limit} stored blobs last written before {@code cutoff}, including names that are not
     * of the platform's form (for the {@link ClaimSweeper} to judge).
     */
    List<String> storedBefore(Instant cutoff, int limit);

    /** Deletes a stored blob by name; a missing one is fine. */
    void deleteStored(String blobName);
}
