package dev.conveyor.plugin.healthcare.change;

/** What the patient wants done to the appointment. */
public enum ChangeKind {
    CANCEL,
    RESCHEDULE
}
