package dev.conveyor.plugin.healthcare.appointment;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Time to remind the patient of an appointment as it was at {@code version} ({@code healthcare.reminder-due.v1}).
 * Scheduled when the appointment is booked or rescheduled; once the appointment has moved on to another version,
 * the reminder is stale and ignored. That is how cancelling or rescheduling takes back a reminder already scheduled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReminderDue(@NotNull String appointmentId, @Min(1) int version) {
}
