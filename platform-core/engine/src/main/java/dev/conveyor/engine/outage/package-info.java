/**
 * Telling an outage of the platform's own infrastructure (Postgres, the storage service) from a failure of a
 * handler or of a message, so that outages are waited out instead of counted against messages.
 */
package dev.conveyor.engine.outage;
