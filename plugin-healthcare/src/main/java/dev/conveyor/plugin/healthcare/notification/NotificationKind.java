package dev.conveyor.plugin.healthcare.notification;

import dev.conveyor.plugin.healthcare.appointment.AppointmentStatus;

/** What a notification tells the patient: what became of the appointment, or that it is coming up. */
public enum NotificationKind {
    BOOKED,
    DECLINED,
    CANCELLED,
    RESCHEDULED,
    REMINDER;

    public static NotificationKind of(AppointmentStatus status) {
        return switch (status) {
            case BOOKED -> BOOKED;
            case DECLINED -> DECLINED;
            case CANCELLED -> CANCELLED;
            case RESCHEDULED -> RESCHEDULED;
        };
    }
}
