/**
 * Patient notifications: one record per (appointment, version, channel, kind) saying what the patient is told
 * and where, composed in the clinic's time zone. Recorded only; channels that send them come later.
 */
package dev.conveyor.plugin.healthcare.notification;
