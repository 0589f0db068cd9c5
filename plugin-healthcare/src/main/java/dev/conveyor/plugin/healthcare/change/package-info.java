/**
 * Changes to an appointment: the {@code healthcare.appointment-change.v1} message (cancel or reschedule) and the
 * {@code changes} stage that applies it, freeing and booking slots as safely as the first booking.
 */
package dev.conveyor.plugin.healthcare.change;
