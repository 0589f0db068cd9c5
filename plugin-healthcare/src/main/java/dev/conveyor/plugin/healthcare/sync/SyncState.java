package dev.conveyor.plugin.healthcare.sync;

/** Where the sync of one appointment version to one system of record stands. */
public enum SyncState {
    /** The system answered 2xx. */
    SYNCED,
    /**
     * An attempt is under way, or the last one failed and the next is scheduled ({@code next_attempt_at}: when it
     * is made, or for one under way when it is repeated should its outcome never be recorded).
     */
    RETRYING,
    /** Every attempt failed, or the system left the settings: no more attempts. */
    FAILED,
    /** A later version of the appointment came first; this one is no longer sent. */
    SUPERSEDED
}
