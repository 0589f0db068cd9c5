/**
 * Appointments: the {@code healthcare.appointment-request.v1} message and its rules, the management stage that
 * books a clinic slot or declines, the appointment as recorded, and the messages it announces and schedules.
 */
package dev.conveyor.plugin.healthcare.appointment;
