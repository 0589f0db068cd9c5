/**
 * Reminders: the {@code reminders} stage, which tells the patient of an upcoming appointment when its
 * reminder falls due, unless the appointment has been cancelled or moved since the reminder was scheduled.
 */
package dev.conveyor.plugin.healthcare.reminder;
