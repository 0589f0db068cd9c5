package dev.conveyor.plugin.healthcare.sync;

/** Where the sync of one appointment version to one system of record stands. */
public enum SyncState {
    /** The system answered 2xx. */
    SYNCED,
    /** The last attempt failed; the next one is scheduled ({@code next_attempt_at}). */
    RETRYING,
    /** Every attempt failed, or the system left the settings: no more attempts. */
    FAILED,
    /** A later version of the appointment came first; this one is no longer sent. */
    SUPERSEDED
}
