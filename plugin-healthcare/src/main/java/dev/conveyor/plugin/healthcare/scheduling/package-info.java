/**
 * Scheduling: which slots of which clinics fit a patient's preferred times (pure, in each clinic's time zone),
 * and the slot ledger that books them without ever exceeding a slot's capacity, across threads and processes.
 */
package dev.conveyor.plugin.healthcare.scheduling;
