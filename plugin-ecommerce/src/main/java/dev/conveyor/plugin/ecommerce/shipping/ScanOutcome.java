package dev.conveyor.plugin.ecommerce.shipping;

/** What a carrier's scan does to its parcel. Every scan is kept in the history; only an applied one sets the status. */
public enum ScanOutcome {
    /** The newest news of the parcel: it sets the status. */
    APPLIED,
    /** It happened before the event behind the current status, and arrived late. */
    OUT_OF_ORDER,
    /** The parcel is delivered already; nothing moves it back. */
    AFTER_DELIVERY
}
