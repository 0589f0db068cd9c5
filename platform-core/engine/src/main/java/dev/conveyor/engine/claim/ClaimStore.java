package dev.conveyor.engine.claim;

/** Where large payloads wait while their message travels (Azure Blob Storage; Azurite serves blobs too). */
public interface ClaimStore {

    /** Stores the payload and returns the reference a message carries instead. */
    String put(String name, String payload);

    /** The payload a reference names; throws {@link ClaimMissingException} when it is gone. */
    String get(String reference);

    /** Deletes the payload; a missing one is fine. */
    void delete(String reference);
}
