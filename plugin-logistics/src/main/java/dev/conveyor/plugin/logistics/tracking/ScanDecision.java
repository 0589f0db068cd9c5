package dev.conveyor.plugin.logistics.tracking;

/** What a carrier scan does to its shipment; see {@link ScanRules}. */
public enum ScanDecision {
    /** The scan id is already recorded: the scan was posted before, and changes nothing. */
    DUPLICATE,
    /** The newest scan: it joins the history and sets the shipment's current status. */
    APPLY,
    /** Older than the latest scan, or after delivery: it joins the history only, and nobody is notified. */
    HISTORY_ONLY
}
