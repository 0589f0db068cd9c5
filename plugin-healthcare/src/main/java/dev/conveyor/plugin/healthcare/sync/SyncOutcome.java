package dev.conveyor.plugin.healthcare.sync;

import static java.util.Objects.requireNonNull;

/** How one post to a system of record went: synced (a 2xx), or failed with an error fit for the sync status. */
public record SyncOutcome(boolean synced, String error) {

    public SyncOutcome {
        if (!synced) {
            requireNonNull(error, "error is null");
        }
    }

    public static SyncOutcome success() {
        return new SyncOutcome(true, null);
    }

    public static SyncOutcome failed(String error) {
        return new SyncOutcome(false, error);
    }
}
