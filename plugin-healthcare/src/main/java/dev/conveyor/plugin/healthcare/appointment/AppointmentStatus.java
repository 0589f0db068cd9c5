package dev.conveyor.plugin.healthcare.appointment;

/** Where an appointment stands. A booked or rescheduled one holds a seat of its slot; the others do not. */
public enum AppointmentStatus {
    BOOKED,
    DECLINED,
    CANCELLED,
    RESCHEDULED;

    /** Holds a slot: the patient is expected at the clinic. */
    public boolean isActive() {
        return this == BOOKED || this == RESCHEDULED;
    }
}
