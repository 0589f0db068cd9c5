package dev.conveyor.plugin.healthcare.appointment;

import static java.util.Objects.requireNonNull;

import dev.conveyor.plugin.healthcare.HealthcarePlugin;
import dev.conveyor.sdk.HandlerContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When to remind a patient, and scheduling that reminder. */
public final class Reminders {

    private Reminders() {
    }

    /**
     * {@code leadTime} before the appointment starts; empty when that moment is not after {@code now} (a booking
     * made at short notice gets no reminder: its confirmation is the reminder).
     */
    public static Optional<Instant> remindAt(Instant startsAt, Duration leadTime, Instant now) {
        requireNonNull(startsAt, "startsAt is null");
        requireNonNull(leadTime, "leadTime is null");
        requireNonNull(now, "now is null");
        Instant at = startsAt.minus(leadTime);
        return at.isAfter(now) ? Optional.of(at) : Optional.empty();
    }

    /** Schedules the reminder of the appointment at its current version, if it is not too late. */
    public static Optional<Instant> schedule(HandlerContext context, Appointment appointment, Duration leadTime) {
        requireNonNull(context, "context is null");
        requireNonNull(appointment, "appointment is null");
        Optional<Instant> at = remindAt(appointment.startsAt(), leadTime, context.clock().instant());
        at.ifPresent(instant -> context.schedule(HealthcarePlugin.REMINDER_QUEUE,
                new ReminderDue(appointment.appointmentId(), appointment.version()), instant));
        return at;
    }
}
